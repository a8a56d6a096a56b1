using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>A body to throw at an endpoint, with the content type it claims to be.</summary>
public sealed record HostileBody(string Name, string? Body, string ContentType = "application/json")
{
    public override string ToString() => Name;
}

/// <summary>The hand-picked hostile inputs the bad-input tests share.</summary>
public static class BadInputCases
{
    // Well under the gateway's 1 MiB limit, well over any sane field length.
    public static readonly string Huge = new('x', 600_000);

    /// <summary>Bodies no JSON endpoint can take, whatever its fields.</summary>
    public static IEnumerable<HostileBody> Malformed()
    {
        yield return new("truncated object", "{\"reason\": \"x\"");
        yield return new("missing value", "{\"reason\": }");
        yield return new("trailing comma", "{\"reason\": \"x\",}");
        yield return new("single quotes", "{'reason': 'x'}");
        yield return new("bare word", "not json at all");
        yield return new("empty body", "");
        yield return new("whitespace body", "   \n\t ");
        yield return new("BOM then garbage", "\uFEFF}{");
        yield return new("two documents", "{} {}");
        yield return new("array at top", "[1, 2, 3]");
        yield return new("string at top", "\"reason\"");
        yield return new("number at top", "42");
        yield return new("null at top", "null");
        yield return new("deeply nested", new string('[', 5000) + new string(']', 5000));
        yield return new("NaN literal", "{\"reason\": NaN}");
        yield return new("comment", "{/* hi */ \"reason\": \"x\"}");
        yield return new("lone surrogate escape", "{\"reason\": \"\\ud800\"}");
        yield return new("text/plain", "{\"reason\": \"x\"}", "text/plain");
        yield return new("form", "reason=x&approve=true", "application/x-www-form-urlencoded");
        yield return new("xml", "<reason>x</reason>", "application/xml");
        yield return new("json with bad charset", "{\"reason\": \"x\"}", "application/json; charset=ebcdic");
    }

    /// <summary>Values of the wrong JSON type, or of the right type with nothing valid in them, for a string field.</summary>
    public static IEnumerable<(string Name, string Json)> BadStrings()
    {
        yield return ("number", "12345");
        yield return ("boolean", "true");
        yield return ("array", "[\"x\"]");
        yield return ("object", "{\"x\": \"y\"}");
        yield return ("null", "null");
        yield return ("empty", "\"\"");
        yield return ("blank", "\"   \"");
        yield return ("huge", JsonSerializer.Serialize(Huge));
        yield return ("NUL", "\"a\\u0000b\"");
        yield return ("control characters", "\"\\u0001\\u0007\\u001b[31m\\b\"");
        yield return ("right-to-left override", "\"\\u202egnp.exe\"");
        yield return ("lone surrogate", "\"\\udc00\"");
        yield return ("SQL", "\"'; DROP TABLE companies; --\"");
        yield return ("path traversal", "\"../../etc/passwd\"");
    }

    /// <summary>Strings for path segments and query values, already percent-encoded where needed.</summary>
    public static IEnumerable<string> BadPathSegments()
    {
        yield return "not-a-guid";
        yield return "00000000-0000-0000-0000-000000000000";
        yield return "%27%20OR%20%271%27%3D%271";
        yield return "1%3BDROP%20TABLE%20companies--";
        yield return "..%2F..%2Fdapr%2Fsubscribe";
        yield return "%2e%2e%2f%2e%2e%2fhealthz";
        yield return "%00";
        yield return "%0d%0aX-Injected:%201";
        yield return "%E2%80%AE";
        yield return "%F0%9F%92%A9";
        yield return "%C0%AF";
        yield return "%FF%FE";
        yield return "%25";
        yield return "%20";
        yield return "RC-2026-000001-Q";
        yield return "rc-2026-000001-a";
        yield return "RF00000000000000000000000";
        yield return new string('9', 2000);
    }

    /// <summary>
    /// Near misses of a real licence number, percent-encoded: another case, padded, cut, extended, with
    /// a control character, double-encoded. None may reach that licence (lookups are exact).
    /// </summary>
    public static IEnumerable<string> NearLicenceNumbers(string licenceNumber)
    {
        var escaped = Uri.EscapeDataString(licenceNumber);
        yield return escaped.ToLowerInvariant();
        yield return "%20" + escaped;
        yield return escaped + "%20";
        yield return escaped + "%09";
        yield return escaped[..^1];
        yield return escaped + "0";
        yield return escaped + "%2F..";
        yield return escaped.Replace("-", "%E2%80%90", StringComparison.Ordinal); // a Unicode hyphen
        yield return escaped.Replace("-", "%252D", StringComparison.Ordinal); // a double-encoded hyphen
    }
}

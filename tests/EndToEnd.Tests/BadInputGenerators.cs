using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace EndToEnd.Tests;

/// <summary>CsCheck generators of hostile JSON text, values and path segments.</summary>
public static class BadInputGenerators
{
    // Letters, digits, JSON's own syntax, controls, NUL, bidi overrides, surrogates (paired and not) and emoji.
    private const string Nasty =
        "aZ09 .-_/\\\"'{}[]:,;%&=?#<>\u0000\u0001\u0007\b\f\n\r\t\u001b\u007f\u00a0\u00e9\u0130\u0131\u200b\u202e\ufeff\uffff\ud800\udc00\u0627\u4e2d";

    public static readonly Gen<string> Text =
        Gen.Frequency(
            (6, Gen.Char[Nasty].Array[0, 40].Select(c => new string(c))),
            (1, Gen.Int[1_000, 200_000].Select(n => new string('x', n))),
            (1, Gen.String[0, 30]));

    public static readonly Gen<string> Number =
        Gen.OneOf(
            Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.Decimal.Select(d => d.ToString(CultureInfo.InvariantCulture)),
            Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Int[-400, 400].Select(e => $"1e{e}"),
            Gen.Const("-0"), Gen.Const("1E+999999999"), Gen.Const("0.000000000000000000000000000001"));

    /// <summary>Any JSON value; as text, so numbers keep their exact spelling (exponents, 30 digits).</summary>
    public static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, self) =>
    {
        var leaf = Gen.OneOf(
            Gen.Const("null"), Gen.Const("true"), Gen.Const("false"), Number, Text.Select(Quote));
        if (depth >= 3)
        {
            return leaf;
        }

        var key = Gen.OneOf(
            Text,
            Gen.OneOf(new[] { "reason", "approve", "legalName", "taxId", "address", "activityCodes", "registrationNumber",
                "licenceType", "paymentReference", "amount", "currency", "bankTransactionId", "paidAt", "subject", "role" }
                .Select(Gen.Const).ToArray()));
        return Gen.Frequency(
            (4, leaf),
            (1, self.Array[0, 4].Select(items => $"[{string.Join(',', items)}]")),
            (2, Gen.Select(key, self).Array[0, 6]
                .Select(props => "{" + string.Join(',', props.Select(p => $"{Quote(p.Item1)}:{p.Item2}")) + "}")));
    });

    /// <summary>A non-string JSON value: a wrong type for any text field.</summary>
    public static readonly Gen<string> NotAString = JsonValue.Where(v => !v.StartsWith('"'));

    /// <summary>JSON-looking garbage: valid values, and ones cut short or with a stray character put in.</summary>
    public static readonly Gen<string> Body = Gen.Frequency(
        (2, JsonValue),
        (2, Gen.Select(JsonValue, Gen.Double[0, 1]).Select((v, at) => v[..(int)(v.Length * at)])),
        (1, Gen.Select(JsonValue, Gen.Double[0, 1], Gen.Char[Nasty])
            .Select((v, at, c) => v.Insert((int)(v.Length * at), c.ToString()))),
        (1, Text));

    /// <summary>A path segment, percent-encoded as a client would send it (and sometimes double-encoded).</summary>
    public static readonly Gen<string> PathSegment = Gen.Frequency(
        (4, Text.Where(t => t.Length is > 0 and < 2_000).Select(Uri.EscapeDataString)),
        (1, Text.Where(t => t.Length is > 0 and < 500).Select(t => Uri.EscapeDataString(Uri.EscapeDataString(t)))));

    /// <summary>An amount that no invoice can take: zero, negative, more than two decimals, or not a plain number.</summary>
    public static readonly Gen<string> BadAmount = Gen.OneOf(
        Gen.Decimal[-1_000_000m, 0m].Select(d => Math.Round(d, 2).ToString(CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 9], Gen.Int[3, 12])
            .Select((units, last, places) => $"{units}.{new string('0', places - 1)}{last}"),
        Gen.Int[1, 100_000].Select(n => $"\"{n}.00\""),
        Gen.Int[400, 100_000].Select(e => $"1e{e}"),
        Gen.Const("NaN"), Gen.Const("Infinity"), Gen.Const("-0.00"), Gen.Const("00.5"), Gen.Const("+5"), Gen.Const(".5"));

    /// <summary>A currency that is not three ASCII capital letters, or is the right one in lower case.</summary>
    public static readonly Gen<string> BadCurrency = Gen.OneOf(
        Gen.Char['A', 'Z'].Array[4, 8].Select(c => new string(c)),
        Gen.Char['A', 'Z'].Array[0, 2].Select(c => new string(c)),
        Gen.Char['a', 'z'].Array[3].Select(c => new string(c)),
        Gen.Char[Nasty].Array[3].Select(c => new string(c)));

    /// <summary>An ISO 11649-shaped reference whose MOD 97-10 check fails.</summary>
    public static readonly Gen<string> BadReference =
        Gen.Select(Gen.Int[0, 99], Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"].Array[1, 21])
            .Select((check, body) => $"RF{check:00}{new string(body)}")
            .Where(r => !Mod97Valid(r));

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    public static bool Mod97Valid(string reference)
    {
        var rearranged = reference[4..] + reference[..4];
        var digits = new StringBuilder();
        foreach (var c in rearranged)
        {
            digits.Append(char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        var remainder = 0;
        foreach (var d in digits.ToString())
        {
            remainder = (remainder * 10 + (d - '0')) % 97;
        }

        return remainder == 1;
    }
}

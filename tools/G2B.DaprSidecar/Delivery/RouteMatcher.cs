using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace G2B.DaprSidecar.Delivery;

/// <summary>
/// The slice of CEL that subscription rules use in practice: <c>event.x == "v"</c> / <c>!=</c>, joined with
/// <c>&amp;&amp;</c> and <c>||</c> (no parentheses), plus <c>true</c>/<c>false</c>. Anything else never matches
/// and is logged, rather than guessed at.
/// </summary>
public static partial class RouteMatcher
{
    [GeneratedRegex("""^\s*event((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*(==|!=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*$""")]
    private static partial Regex Comparison();

    /// <summary>The path of the first rule that matches, else the default route, else null (the event is dropped).</summary>
    public static string? Select(Subscription subscription, JsonObject cloudEvent, ILogger logger)
    {
        foreach (var rule in subscription.Rules)
        {
            if (!Evaluate(rule.Match, cloudEvent, out var matched))
            {
                logger.LogError("Unsupported route rule '{Match}' on topic {Topic}: it never matches", rule.Match, subscription.Topic);
            }
            else if (matched)
            {
                return rule.Path;
            }
        }

        return subscription.DefaultPath;
    }

    /// <summary>False when the expression is outside the supported slice.</summary>
    public static bool Evaluate(string expression, JsonObject cloudEvent, out bool result)
    {
        result = false;
        foreach (var alternative in expression.Split("||"))
        {
            var all = true;
            foreach (var term in alternative.Split("&&"))
            {
                if (!Term(term, cloudEvent, out var value))
                {
                    return false;
                }

                all &= value;
            }

            result |= all;
        }

        return true;
    }

    private static bool Term(string term, JsonObject cloudEvent, out bool value)
    {
        var trimmed = term.Trim();
        if (trimmed is "true" or "false")
        {
            value = trimmed == "true";
            return true;
        }

        value = false;
        var m = Comparison().Match(term);
        if (!m.Success)
        {
            return false;
        }

        JsonNode? node = cloudEvent;
        foreach (var segment in m.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        var literal = Regex.Unescape(m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value);
        var actual = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
        var equal = string.Equals(actual, literal, StringComparison.Ordinal);
        value = m.Groups[2].Value == "==" ? equal : !equal;
        return true;
    }
}

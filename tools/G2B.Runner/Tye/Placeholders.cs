using System.Text.RegularExpressions;

namespace G2B.Runner.Tye;

/// <summary>
/// Substitutes the placeholders tye.yaml env values may hold, so the same file works with the fixed
/// ports of ./run.sh and the free ports of the end-to-end tests:
/// <c>${service:NAME:port}</c>, <c>${service:NAME:host}</c>, <c>${service:NAME:url}</c> (http://host:port)
/// and <c>${env:VAR}</c> (empty when unset). A named binding other than the first is
/// <c>${service:NAME.BINDING:port}</c>.
/// </summary>
public static partial class Placeholders
{
    public const string Host = "127.0.0.1";

    public static string Substitute(string value, Func<string, int> portOf, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Pattern().Replace(value, match =>
        {
            var kind = match.Groups["kind"].Value;
            var name = match.Groups["name"].Value;
            var part = match.Groups["part"].Value;
            return (kind, part) switch
            {
                ("env", "") => environment(name) ?? string.Empty,
                ("service", "port") => portOf(name).ToString(),
                ("service", "host") => Host,
                ("service", "url") => $"http://{Host}:{portOf(name)}",
                _ => throw new FormatException($"Unknown placeholder '{match.Value}'."),
            };
        });
    }

    [GeneratedRegex(@"\$\{(?<kind>[a-z]+):(?<name>[A-Za-z0-9_.\-]+)(?::(?<part>[a-z]+))?\}")]
    private static partial Regex Pattern();
}

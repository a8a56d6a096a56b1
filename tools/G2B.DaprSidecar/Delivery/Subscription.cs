using System.Text.Json;

namespace G2B.DaprSidecar.Delivery;

public sealed record RouteRule(string Match, string Path);

/// <summary>One entry of the app's GET /dapr/subscribe answer (v1 <c>route</c> or v2 <c>routes</c>).</summary>
public sealed record Subscription(
    string PubSubName,
    string Topic,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultPath)
{
    public bool RawPayload => Metadata.TryGetValue("rawPayload", out var v) && bool.TryParse(v, out var raw) && raw;

    /// <summary>Parses the subscribe answer; property names are matched case-insensitively (the SDK writes camelCase).</summary>
    public static IReadOnlyList<Subscription> ParseAll(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("GET /dapr/subscribe did not answer with a JSON array.");
        }

        var result = new List<Subscription>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var pubsub = Str(item, "pubsubname");
            var topic = Str(item, "topic");
            if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic)
                || result.Any(s => s.PubSubName == pubsub && s.Topic == topic))
            {
                continue;
            }

            var rules = new List<RouteRule>();
            string? defaultPath = null;
            if (Prop(item, "routes") is { ValueKind: JsonValueKind.Object } routes)
            {
                defaultPath = Path(Str(routes, "default"));
                if (Prop(routes, "rules") is { ValueKind: JsonValueKind.Array } ruleArray)
                {
                    rules.AddRange(ruleArray.EnumerateArray()
                        .Select(r => new RouteRule(Str(r, "match") ?? string.Empty, Path(Str(r, "path")) ?? "/"))
                        .Where(r => r.Match.Length > 0));
                }
            }

            defaultPath ??= Path(Str(item, "route"));
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Prop(item, "metadata") is { ValueKind: JsonValueKind.Object } meta)
            {
                foreach (var p in meta.EnumerateObject())
                {
                    metadata[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            var deadLetter = Str(item, "deadLetterTopic");
            result.Add(new Subscription(pubsub, topic, string.IsNullOrEmpty(deadLetter) ? null : deadLetter, metadata, rules, defaultPath));
        }

        return result;
    }

    private static string? Path(string? path) =>
        string.IsNullOrEmpty(path) ? null : path.StartsWith('/') ? path : "/" + path;

    private static JsonElement? Prop(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Str(JsonElement element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}

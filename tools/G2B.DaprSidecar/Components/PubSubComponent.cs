namespace G2B.DaprSidecar.Components;

/// <summary>A <c>kind: Component</c> of a <c>pubsub.*</c> type, as read from the resources folder.</summary>
public sealed record PubSubComponent(
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Scopes)
{
    /// <summary>An empty scope list means every app may use the component (Dapr semantics).</summary>
    public bool IsScopedTo(string appId) =>
        Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.OrdinalIgnoreCase);

    public string? Get(string key) =>
        Metadata.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public string RedisHost => Get("redisHost") ?? "localhost:6379";

    public string? RedisPassword => string.IsNullOrEmpty(Get("redisPassword")) ? null : Get("redisPassword");

    /// <summary>Consumer group and consumer name; pubsub.redis defaults both to the app id.</summary>
    public string ConsumerId(string appId) => string.IsNullOrWhiteSpace(Get("consumerID")) ? appId : Get("consumerID")!;

    // Defaults are the ones components-contrib's redis streams use in code.
    public TimeSpan ProcessingTimeout => GoDuration.ParseOr(Get("processingTimeout"), TimeSpan.FromSeconds(60));

    public TimeSpan RedeliverInterval => GoDuration.ParseOr(Get("redeliverInterval"), TimeSpan.FromSeconds(15));

    public long? MaxLenApprox => long.TryParse(Get("maxLenApprox"), out var n) && n > 0 ? n : null;

    /// <summary>pubsub's <c>publishingScopes</c>: "app1=topic1,topic2;app2=" limits what an app may publish.</summary>
    public bool MayPublish(string appId, string topic)
    {
        var scopes = Get("publishingScopes");
        if (string.IsNullOrWhiteSpace(scopes))
        {
            return true;
        }

        foreach (var entry in scopes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2);
            if (string.Equals(parts[0].Trim(), appId, StringComparison.OrdinalIgnoreCase))
            {
                var topics = parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                return topics.Contains(topic, StringComparer.OrdinalIgnoreCase);
            }
        }

        return true;
    }
}

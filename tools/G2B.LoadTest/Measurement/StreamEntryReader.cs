using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace G2B.LoadTest.Measurement;

/// <summary>
/// Reads the suite's pub/sub streams (Redis Streams, as the sidecars write them: a <c>data</c> field holding the
/// CloudEvent and a <c>metadata</c> field holding the publish metadata as JSON) for the steps of each hop.
/// </summary>
public static class StreamEntryReader
{
    /// <summary>The entries of <paramref name="topics"/> added at or after <paramref name="from"/>.</summary>
    public static async Task<List<StreamEntry>> ReadAsync(string redis, IEnumerable<string> topics, DateTimeOffset from, CancellationToken ct = default)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = true;
        options.ClientName = "g2b-load-tool";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var db = connection.GetDatabase();
        var entries = new List<StreamEntry>();
        foreach (var topic in topics)
        {
            ct.ThrowIfCancellationRequested();
            var read = await db.StreamRangeAsync(topic, minId: $"{from.ToUnixTimeMilliseconds()}-0", maxId: "+");
            entries.AddRange(read.Select(Parse).OfType<StreamEntry>());
        }

        return entries;
    }

    /// <summary>One stream entry's stamps; null for an entry that is no CloudEvent with an id (a raw payload).</summary>
    public static StreamEntry? Parse(StackExchange.Redis.StreamEntry entry)
    {
        var data = entry["data"];
        if (data.IsNull || !long.TryParse(((string)entry.Id!).Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var addedMs))
        {
            return null;
        }

        try
        {
            using var cloudEvent = JsonDocument.Parse((byte[])data!);
            var root = cloudEvent.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out var eventId))
            {
                return null;
            }

            var metadata = entry["metadata"];
            var stamps = metadata.IsNullOrEmpty
                ? new Dictionary<string, string>()
                : JsonSerializer.Deserialize<Dictionary<string, string>>((string)metadata!) ?? [];
            return new StreamEntry(eventId, DateTimeOffset.FromUnixTimeMilliseconds(addedMs),
                Stamp(stamps, "g2b-committed-at"), Stamp(stamps, "g2b-claimed-at"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Stamp(Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}

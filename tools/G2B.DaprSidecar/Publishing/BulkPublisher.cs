using System.Text.Json;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Publishing;

/// <summary>One entry of a bulk publish: its caller-chosen id, the event bytes, their content type, its metadata.</summary>
public sealed record BulkEntry(string EntryId, ReadOnlyMemory<byte> Event, string ContentType, IReadOnlyDictionary<string, string>? Metadata);

public sealed record BulkFailedEntry(string EntryId, string Error);

/// <summary>A request-level failure (nothing published), or the entries that could not be stored.</summary>
public sealed record BulkPublishResult(PublishResult Result, IReadOnlyList<BulkFailedEntry> FailedEntries)
{
    public bool AllPublished => Result.Succeeded && FailedEntries.Count == 0;
}

/// <summary>
/// daprd's bulk publish for a component without native bulk support (pubsub.redis): the request is validated as a
/// whole (pubsub, topic, every entryId present and unique, every envelope buildable), then each entry is XADDed on its
/// own, and the entries whose XADD failed come back with their error (dapr pkg/runtime/pubsub/default_bulkpub.go).
/// </summary>
public sealed class BulkPublisher(Publisher publisher, Delivery.RedisBroker broker, ILogger<BulkPublisher> logger)
{
    public async Task<BulkPublishResult> PublishAsync(
        string pubsubName, string topic, IReadOnlyList<BulkEntry> entries, IReadOnlyDictionary<string, string> metadata,
        string? traceParent, string? traceState, CancellationToken ct)
    {
        var check = publisher.Check(pubsubName, topic, out var component);
        if (!check.Succeeded)
        {
            return new(check, []);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (entries.FirstOrDefault(e => e.EntryId.Length == 0 || !ids.Add(e.EntryId)) is not null)
        {
            return new(new(PublishError.BadEvents,
                $"error marshaling events to bytes for topic {topic} pubsub {pubsubName}. error: entryId is duplicated or not present for entry"), []);
        }

        // rawPayload is read from the request's metadata only; an entry's own metadata is merged over the request's
        // when the entry has any, and otherwise the entry goes without (as daprd's PopulateMetadataForBulkPublishEntry).
        var rawPayload = Publisher.IsRawPayload(metadata);
        var prepared = new List<(BulkEntry Entry, byte[] Payload, string MetadataJson)>(entries.Count);
        foreach (var entry in entries)
        {
            var entryMetadata = entry.Metadata is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : metadata.Concat(entry.Metadata).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            var request = new PublishRequest(pubsubName, topic, entry.Event, entry.ContentType, entryMetadata, traceParent, traceState);
            var result = publisher.Prepare(request, rawPayload, out var payload);
            if (!result.Succeeded)
            {
                return new(result with { Message = $"entry {entry.EntryId}: {result.Message}" }, []);
            }

            prepared.Add((entry, payload, JsonSerializer.Serialize(entryMetadata, SidecarWireJson.Default.DictionaryStringString)));
        }

        ct.ThrowIfCancellationRequested();
        var outcomes = await Task.WhenAll(prepared.Select(async p =>
        {
            try
            {
                await broker.AddAsync(component!, topic, p.Payload, p.MetadataJson);
                return null;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogWarning("Bulk publishing entry {EntryId} to {PubSub}/{Topic} failed: {Message}", p.Entry.EntryId, pubsubName, topic, ex.Message);
                return new BulkFailedEntry(p.Entry.EntryId, ex.Message);
            }
        }));
        var failed = outcomes.OfType<BulkFailedEntry>().ToList();
        return failed.Count == 0
            ? new(PublishResult.Ok, [])
            : new(new(PublishError.Failed, $"error when publish to topic {topic} in pubsub {pubsubName}: {failed[0].Error}"), failed);
    }
}

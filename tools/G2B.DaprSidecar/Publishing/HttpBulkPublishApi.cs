using System.Text;
using System.Text.Json;
using G2B.DaprSidecar.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2B.DaprSidecar.Publishing;

/// <summary>daprd's HTTP bulk publish: POST|PUT /v1.0-alpha1/publish/bulk/{pubsubname}/{topic} (and the v1.0 route).</summary>
public static class HttpBulkPublishApi
{
    public sealed record FailedEntryBody(string EntryId, string Error);

    /// <summary>daprd's answer when entries could not be stored: which ones, and ERR_PUBSUB_PUBLISH_MESSAGE.</summary>
    public sealed record BulkErrorBody(IReadOnlyList<FailedEntryBody> FailedEntries, string ErrorCode);

    public static IEndpointRouteBuilder MapBulkPublishApi(this IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Post, HttpMethods.Put];
        app.MapMethods("/v1.0-alpha1/publish/bulk/{pubsubname}/{**topic}", methods, PublishAsync);
        app.MapMethods("/v1.0/publish/bulk/{pubsubname}/{**topic}", methods, PublishAsync);
        return app;
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>, JsonHttpResult<BulkErrorBody>>> PublishAsync(
        string pubsubname, string? topic, HttpRequest request, BulkPublisher bulk, CancellationToken ct)
    {
        topic ??= string.Empty;
        List<BulkEntry> entries;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("the body is no JSON array of entries");
            }

            entries = [];
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (ToEntry(item) is not { } entry)
                {
                    return Error(PublishError.BadEvents,
                        $"error when marshalling cloud event envelope for topic {topic} pubsub {pubsubname}: error: mismatch between contentType and event");
                }

                entries.Add(entry);
            }
        }
        catch (JsonException ex)
        {
            return Error(PublishError.BadEvents, $"error when unmarshaling the request for topic {topic} pubsub {pubsubname}: {ex.Message}");
        }

        var result = await bulk.PublishAsync(
            pubsubname, topic, entries, HttpPublishApi.MetadataFromQuery(request),
            request.Headers["traceparent"].FirstOrDefault(), request.Headers["tracestate"].FirstOrDefault(), ct);
        if (result.AllPublished)
        {
            return TypedResults.NoContent();
        }

        if (result.FailedEntries.Count > 0)
        {
            return TypedResults.Json(
                new BulkErrorBody(result.FailedEntries.Select(f => new FailedEntryBody(f.EntryId, f.Error)).ToList(), "ERR_PUBSUB_PUBLISH_MESSAGE"),
                SidecarHttpJson.Default.BulkErrorBody,
                statusCode: StatusCodes.Status500InternalServerError);
        }

        return Error(result.Result.Error, result.Result.Message);
    }

    /// <summary>
    /// One <c>{entryId, event, contentType, metadata}</c> item, its event turned to bytes as daprd's ConvertEventToBytes:
    /// base64 text for application/octet-stream, text for text/* and application/xml, the JSON itself for JSON and
    /// CloudEvents; null when the event does not fit its content type.
    /// </summary>
    private static BulkEntry? ToEntry(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var entryId = Prop(item, "entryId") is { ValueKind: JsonValueKind.String } id ? id.GetString()! : string.Empty;
        var contentType = Prop(item, "contentType") is { ValueKind: JsonValueKind.String } ct ? ct.GetString()! : string.Empty;
        var ev = Prop(item, "event") ?? default;
        var hasEvent = ev.ValueKind != JsonValueKind.Undefined;
        Dictionary<string, string>? metadata = null;
        if (Prop(item, "metadata") is { ValueKind: JsonValueKind.Object } meta)
        {
            metadata = meta.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }

        var media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        byte[]? data = null;
        if (media == "application/octet-stream")
        {
            if (hasEvent && ev.ValueKind == JsonValueKind.String && ev.TryGetBytesFromBase64(out var bytes))
            {
                data = bytes;
            }
        }
        else if (media.StartsWith("text/", StringComparison.Ordinal) || media == "application/xml")
        {
            data = hasEvent && ev.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(ev.GetString()!) : null;
        }
        else if (ContentTypes.IsJson(media))
        {
            data = Encoding.UTF8.GetBytes(hasEvent ? ev.GetRawText() : "null");
        }

        return data is null ? null : new BulkEntry(entryId, data, contentType, metadata);
    }

    /// <summary>
    /// Go's encoding/json matches field names ignoring case, so daprd reads the JavaScript SDK's <c>entryID</c> as
    /// <c>entryId</c>; so must this.
    /// </summary>
    private static JsonElement? Prop(JsonElement item, string name)
    {
        foreach (var p in item.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static JsonHttpResult<ErrorBody> Error(PublishError error, string message)
    {
        var (status, code) = PublishErrors.ToHttp(error);
        return TypedResults.Json(new ErrorBody(code, message), SidecarHttpJson.Default.ErrorBody, statusCode: status);
    }
}

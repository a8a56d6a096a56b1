using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace G2B.DaprSidecar.Publishing;

/// <summary>Builds the CloudEvent envelope the way components-contrib's pubsub/envelope.go does.</summary>
public static class CloudEventBuilder
{
    public const string DefaultType = "com.dapr.event.sent";

    /// <summary>RFC 3339 in UTC to the second, as Go's time.RFC3339 formats it.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject NewEnvelope(
        PublishRequest request, string source, string traceParent, string traceState, DateTimeOffset now, DateTimeOffset? expiration)
    {
        string? Meta(string key) => request.Metadata.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? ContentTypes.DefaultDataContentType : request.ContentType;

        var envelope = new JsonObject
        {
            ["id"] = Meta("cloudevent.id") ?? Guid.NewGuid().ToString(),
            ["source"] = Meta("cloudevent.source") ?? source,
            ["type"] = Meta("cloudevent.type") ?? DefaultType,
            ["specversion"] = "1.0",
            ["datacontenttype"] = contentType,
            ["topic"] = request.Topic,
            ["pubsubname"] = request.PubSubName,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = traceState,
            ["time"] = Rfc3339(now),
        };
        if (Meta("cloudevent.subject") is { } subject)
        {
            envelope["subject"] = subject;
        }

        if (expiration is { } exp)
        {
            envelope["expiration"] = Rfc3339(exp);
        }

        SetData(envelope, request.Data.Span, contentType);
        return envelope;
    }

    /// <summary>A body that already is a CloudEvent keeps its own fields; daprd adds routing, time and trace fields.</summary>
    public static JsonObject? FromCloudEvent(
        PublishRequest request, string traceParent, string traceState, DateTimeOffset now, DateTimeOffset? expiration)
    {
        JsonObject? envelope;
        try
        {
            envelope = JsonNode.Parse(request.Data.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (envelope is null)
        {
            return null;
        }

        envelope["topic"] = request.Topic;
        envelope["pubsubname"] = request.PubSubName;
        envelope["traceid"] = traceParent;
        envelope["traceparent"] = traceParent;
        envelope["tracestate"] = traceState;
        if (!envelope.ContainsKey("time"))
        {
            envelope["time"] = Rfc3339(now);
        }

        if (expiration is { } exp)
        {
            envelope["expiration"] = Rfc3339(exp);
        }

        return envelope;
    }

    /// <summary>Wraps a message that is no CloudEvent (published with rawPayload) for a subscriber that wants one.</summary>
    public static JsonObject FromRawPayload(ReadOnlySpan<byte> data, string topic, string pubsubName) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = string.Empty,
        ["type"] = DefaultType,
        ["specversion"] = "1.0",
        ["datacontenttype"] = "application/octet-stream",
        ["topic"] = topic,
        ["pubsubname"] = pubsubName,
        ["data_base64"] = Convert.ToBase64String(data),
    };

    private static void SetData(JsonObject envelope, ReadOnlySpan<byte> data, string contentType)
    {
        if (ContentTypes.IsJson(contentType))
        {
            try
            {
                envelope["data"] = JsonNode.Parse(data);
                return;
            }
            catch (JsonException)
            {
                // Not JSON after all: daprd keeps it as a string rather than failing the publish.
            }
        }

        if (ContentTypes.IsBinary(contentType))
        {
            envelope["data_base64"] = Convert.ToBase64String(data);
        }
        else
        {
            envelope["data"] = Encoding.UTF8.GetString(data);
        }
    }
}

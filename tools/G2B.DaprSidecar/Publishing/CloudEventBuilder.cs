using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace G2B.DaprSidecar.Publishing;

/// <summary>Builds the CloudEvent envelope the way components-contrib's pubsub/envelope.go does.</summary>
public static class CloudEventBuilder
{
    public const string DefaultType = "com.dapr.event.sent";

    /// <summary>envelope.go's DefaultCloudEventSource: what fills an empty or missing source.</summary>
    public const string DefaultSource = "Dapr";

    /// <summary>RFC 3339 in UTC to the second, as Go's time.RFC3339 formats it.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject NewEnvelope(
        PublishRequest request, string source, string traceParent, string traceState, DateTimeOffset now, DateTimeOffset? expiration)
    {
        var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? ContentTypes.DefaultDataContentType : request.ContentType;

        var envelope = new JsonObject
        {
            ["id"] = OrDefault(Override(request.Metadata, "cloudevent.id"), Guid.NewGuid().ToString()),
            // daprd passes its app id as the source; an override, even an empty one, replaces it, and empty means "Dapr".
            ["source"] = OrDefault(Override(request.Metadata, "cloudevent.source") ?? source, DefaultSource),
            ["type"] = OrDefault(Override(request.Metadata, "cloudevent.type"), DefaultType),
            ["specversion"] = "1.0",
            ["datacontenttype"] = contentType,
            ["topic"] = request.Topic,
            ["pubsubname"] = request.PubSubName,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = traceState,
            ["time"] = Rfc3339(now),
        };
        if (Override(request.Metadata, "cloudevent.subject") is { Length: > 0 } subject)
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

    /// <summary>
    /// A body that already is a CloudEvent keeps its own fields, as envelope.go's FromCloudEvent: topic and pubsubname
    /// are set, time and the trace fields only when missing, and source, type and specversion get daprd's defaults
    /// when missing or null. The cloudevent.* metadata overrides do not apply to it.
    /// </summary>
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
        if (!envelope.ContainsKey("traceid"))
        {
            envelope["traceid"] = traceParent;
            envelope["traceparent"] = traceParent;
        }

        if (!envelope.ContainsKey("tracestate"))
        {
            envelope["tracestate"] = traceState;
        }

        if (!envelope.ContainsKey("time"))
        {
            envelope["time"] = Rfc3339(now);
        }

        // Go's m[field] == nil: a field that is missing or JSON null.
        envelope["source"] ??= DefaultSource;
        envelope["type"] ??= DefaultType;
        envelope["specversion"] ??= "1.0";

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
        ["source"] = DefaultSource,
        ["type"] = DefaultType,
        ["specversion"] = "1.0",
        ["datacontenttype"] = "application/octet-stream",
        ["topic"] = topic,
        ["pubsubname"] = pubsubName,
        ["data_base64"] = Convert.ToBase64String(data),
    };

    /// <summary>
    /// A cloudevent.* metadata override as daprd decodes it (mapstructure's WeakDecode: keys match ignoring case):
    /// its value, even empty, or null when it is not given.
    /// </summary>
    public static string? Override(IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (metadata.TryGetValue(key, out var exact))
        {
            return exact;
        }

        return metadata.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

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

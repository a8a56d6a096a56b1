using System.Text.Json;
using System.Text.Json.Nodes;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;
using G2B.DaprSidecar.Publishing;

namespace G2B.DaprSidecar.Delivery;

/// <summary>The request daprd sends to the app for one message: body, content type and headers.</summary>
public static class DeliveryPayload
{
    /// <summary>
    /// The CloudEvent to send, as daprd's subscription handler reads a message: a rawPayload subscription gets the
    /// stored bytes wrapped as data_base64; any other gets the stored JSON object as it is, and null when it is none.
    /// </summary>
    public static JsonObject? CloudEvent(Subscription subscription, PubSubComponent component, StreamMessage message)
    {
        if (subscription.RawPayload)
        {
            return CloudEventBuilder.FromRawPayload(message.Data, message.Topic, component.Name);
        }

        try
        {
            return JsonNode.Parse(message.Data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static List<KeyValuePair<string, string>> Headers(PubSubComponent component, JsonObject cloudEvent, StreamMessage message)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(message.MetadataJson))
        {
            try
            {
                var metadata = JsonSerializer.Deserialize(message.MetadataJson, SidecarWireJson.Default.DictionaryStringString) ?? [];
                headers.AddRange(metadata.Where(kv => IsHeaderSafe(kv.Key) && IsHeaderSafe(kv.Value)));
            }
            catch (JsonException)
            {
                // Metadata written by another publisher in another shape: deliver without it.
            }
        }

        headers.Add(new("pubsubName", component.Name));
        var traceParent = cloudEvent["traceparent"] is JsonValue tp && tp.TryGetValue<string>(out var t) ? t : string.Empty;
        headers.Add(new("traceparent", TraceContext.ChildOf(traceParent)));
        if (cloudEvent["tracestate"] is JsonValue ts && ts.TryGetValue<string>(out var state) && state.Length > 0)
        {
            headers.Add(new("tracestate", state));
        }

        return headers;
    }

    private static bool IsHeaderSafe(string value) => value.All(c => c is >= ' ' and <= '~');
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Publishing;

/// <summary>The publish path shared by the HTTP and gRPC APIs: validate, build the envelope, XADD.</summary>
public sealed class Publisher(
    SidecarOptions options, SidecarResources resources, RedisBroker broker, TimeProvider clock, ILogger<Publisher> logger)
{
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        var check = Check(request.PubSubName, request.Topic, out var component);
        if (!check.Succeeded)
        {
            return check;
        }

        var prepared = Prepare(request, IsRawPayload(request.Metadata), out var payload);
        if (!prepared.Succeeded)
        {
            return prepared;
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            await broker.AddAsync(component!, request.Topic, payload, JsonSerializer.Serialize(request.Metadata, SidecarWireJson.Default.IReadOnlyDictionaryStringString));
            return PublishResult.Ok;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Publishing to {PubSub}/{Topic} failed", request.PubSubName, request.Topic);
            return new(PublishError.Failed, $"error when publish to topic {request.Topic} in pubsub {request.PubSubName}: {ex.Message}");
        }
    }

    /// <summary>The component to publish to, or why this app may not publish there (daprd's validateAndGetPubsubAndTopic).</summary>
    public PublishResult Check(string pubsubName, string topic, out PubSubComponent? component)
    {
        component = null;
        if (resources.PubSubs.Count == 0)
        {
            return new(PublishError.NotConfigured, "no pubsub is configured");
        }

        if (string.IsNullOrEmpty(pubsubName))
        {
            return new(PublishError.NotFound, "pubsub name is empty");
        }

        component = resources.Find(pubsubName);
        if (component is null)
        {
            return new(PublishError.NotFound, $"pubsub {pubsubName} not found");
        }

        if (string.IsNullOrEmpty(topic))
        {
            return new(PublishError.TopicEmpty, $"topic is empty in pubsub {pubsubName}");
        }

        return component.IsScopedTo(options.AppId) && component.MayPublish(options.AppId, topic)
            ? PublishResult.Ok
            : new(PublishError.Forbidden, $"topic {topic} is not allowed for app id {options.AppId} in pubsub {pubsubName}");
    }

    public static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("rawPayload", out var raw) && bool.TryParse(raw, out var isRaw) && isRaw;

    /// <summary>The bytes to store: the payload as it is (rawPayload) or daprd's CloudEvent envelope around it.</summary>
    public PublishResult Prepare(PublishRequest request, bool rawPayload, out byte[] payload)
    {
        payload = [];
        DateTimeOffset? expiration = null;
        if (request.Metadata.TryGetValue("ttlInSeconds", out var ttlText))
        {
            if (!long.TryParse(ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl) || ttl <= 0)
            {
                return new(PublishError.BadMetadata, $"failed parsing metadata ttlInSeconds: '{ttlText}' is not a positive integer");
            }

            expiration = clock.GetUtcNow().AddSeconds(ttl);
        }

        if (rawPayload)
        {
            payload = request.Data.ToArray();
            return PublishResult.Ok;
        }

        var envelope = BuildEnvelope(request, expiration);
        if (envelope is null)
        {
            return new(PublishError.BadCloudEvent, "error when unmarshalling the request as cloud event: the body is no JSON object");
        }

        payload = JsonSerializer.SerializeToUtf8Bytes(envelope, SidecarWireJson.Default.JsonObject);
        return PublishResult.Ok;
    }

    private JsonObject? BuildEnvelope(PublishRequest request, DateTimeOffset? expiration)
    {
        var callerTrace = TraceContext.IsValid(request.TraceParent) ? request.TraceParent! : TraceContext.NewTraceParent();
        var now = clock.GetUtcNow();
        if (ContentTypes.IsCloudEvent(request.ContentType))
        {
            // daprd applies no cloudevent.* overrides to a body that already is a CloudEvent.
            return CloudEventBuilder.FromCloudEvent(request, callerTrace, request.TraceState ?? string.Empty, now, expiration);
        }

        // Trace precedence as daprd: explicit cloudevent metadata, then the caller's context, else a new trace.
        // (cloudevent.traceparent wins over the older cloudevent.traceid, as in dapr's pkg/runtime/pubsub/cloudevents.go.)
        var metaTrace = CloudEventBuilder.Override(request.Metadata, "cloudevent.traceparent") is { Length: > 0 } tp
            ? tp
            : CloudEventBuilder.Override(request.Metadata, "cloudevent.traceid");
        var traceParent = TraceContext.IsValid(metaTrace) ? metaTrace! : callerTrace;
        var traceState = CloudEventBuilder.Override(request.Metadata, "cloudevent.tracestate") ?? request.TraceState ?? string.Empty;
        return CloudEventBuilder.NewEnvelope(request, options.AppId, traceParent, traceState, now, expiration);
    }
}

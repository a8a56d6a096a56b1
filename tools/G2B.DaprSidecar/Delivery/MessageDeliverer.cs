using System.Text.Json;
using System.Text.Json.Nodes;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;
using G2B.DaprSidecar.Publishing;

namespace G2B.DaprSidecar.Delivery;

/// <summary>A stream entry as read from Redis: the envelope bytes and the publish metadata JSON.</summary>
public sealed record StreamMessage(string Topic, string Id, byte[]? Data, string? MetadataJson);

/// <summary>
/// Delivers one stream entry to the app and settles it: ack on success, dead-letter then ack on a drop or
/// exhausted retries, and otherwise leave it pending so the reclaimer hands it out again.
/// </summary>
public sealed class MessageDeliverer(
    SidecarOptions options,
    SidecarResources resources,
    RedisBroker broker,
    SubscriptionManager subscriptions,
    AppChannel app,
    TimeProvider clock,
    ILogger<MessageDeliverer> logger)
{
    public async Task DeliverAsync(PubSubComponent component, StreamMessage message, CancellationToken stop)
    {
        if (message.Data is null)
        {
            await AckAsync(component, message);
            return;
        }

        var policy = resources.InboundRetryFor(component.Name);
        var retries = 0;
        while (!stop.IsCancellationRequested)
        {
            var subscription = subscriptions.Find(component.Name, message.Topic);
            if (subscription is null)
            {
                // The app no longer subscribes; leave it pending in case it comes back with the subscription.
                logger.LogDebug("No subscription for {Topic}; message {Id} left pending", message.Topic, message.Id);
                return;
            }

            var cloudEvent = DeliveryPayload.CloudEvent(subscription, component, message);
            if (cloudEvent is null)
            {
                // daprd cannot deserialize it either; retrying cannot help, so it is dropped (dead-lettered if set).
                logger.LogError("Message {Id} on {Topic} is no CloudEvent and the subscription is not rawPayload", message.Id, message.Topic);
                await DropAsync(component, subscription, message);
                return;
            }

            if (IsExpired(cloudEvent))
            {
                logger.LogWarning("Message {Id} on {Topic} expired before delivery", message.Id, message.Topic);
                await DropAsync(component, subscription, message);
                return;
            }

            var path = RouteMatcher.Select(subscription, cloudEvent, logger);
            if (path is null)
            {
                logger.LogWarning("Message {Id} on {Topic} matched no route and has no default route", message.Id, message.Topic);
                await DropAsync(component, subscription, message);
                return;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(cloudEvent, SidecarWireJson.Default.JsonObject);
            var outcome = await app.DeliverAsync(path, body, ContentTypes.CloudEventsJson, DeliveryPayload.Headers(component, cloudEvent, message), stop);
            switch (outcome)
            {
                case AppOutcome.Success:
                    await AckAsync(component, message);
                    return;
                case AppOutcome.Drop:
                    await DropAsync(component, subscription, message);
                    return;
                case AppOutcome.Unreachable:
                    // Not the handler's fault: keep the message (no dead letter) until the app is back.
                    subscriptions.RequestRefresh();
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stop);
                    continue;
            }

            if (policy is not null && policy.MayRetry(retries))
            {
                await Task.Delay(policy.DelayBefore(retries++), clock, stop);
                continue;
            }

            if (subscription.DeadLetterTopic is not null)
            {
                await DropAsync(component, subscription, message);
            }
            else
            {
                logger.LogWarning(
                    "Message {Id} on {Topic} failed after {Retries} retries and has no dead-letter topic; left pending for redelivery after {Timeout}",
                    message.Id, message.Topic, retries, component.ProcessingTimeout);
            }

            return;
        }
    }

    private bool IsExpired(JsonObject cloudEvent) =>
        cloudEvent["expiration"] is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var expiration)
        && expiration < clock.GetUtcNow();

    private async Task DropAsync(PubSubComponent component, Subscription subscription, StreamMessage message)
    {
        if (subscription.DeadLetterTopic is { } deadLetter)
        {
            try
            {
                await broker.AddAsync(component, deadLetter, message.Data!, message.MetadataJson ?? "{}");
                logger.LogWarning("Message {Id} on {Topic} sent to dead-letter topic {DeadLetter}", message.Id, message.Topic, deadLetter);
            }
            catch (StackExchange.Redis.RedisException ex)
            {
                // Not acked either: the reclaimer hands it out again once Redis is back.
                logger.LogError(ex, "Dead-lettering message {Id} failed; left pending", message.Id);
                return;
            }
        }

        await AckAsync(component, message);
    }

    private async Task AckAsync(PubSubComponent component, StreamMessage message)
    {
        try
        {
            var db = await broker.DatabaseAsync(component);
            await db.StreamAcknowledgeAsync(message.Topic, component.ConsumerId(options.AppId), message.Id);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // At-least-once: an un-acked message is delivered again, and consumers are idempotent.
            logger.LogWarning(ex, "Ack of message {Id} on {Topic} failed", message.Id, message.Topic);
        }
    }
}

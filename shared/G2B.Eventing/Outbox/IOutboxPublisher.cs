using Dapr.Client;
using Microsoft.Extensions.Options;

namespace G2B.Eventing;

/// <summary>Sends one outbox row to the broker. The seam tests replace to control publication.</summary>
public interface IOutboxPublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>The publish metadata of <see cref="OutboxOptions.PublishTimings"/>; the sidecar stores it with the entry.</summary>
public static class PublishTimingKeys
{
    public const string CommittedAt = "g2b-committed-at";

    public const string ClaimedAt = "g2b-claimed-at";
}

/// <summary>Publishes through the Dapr sidecar (gRPC), keeping the event id and type on the CloudEvent.</summary>
public sealed class DaprOutboxPublisher(DaprClient daprClient, IOptions<EventingOptions> options) : IOutboxPublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            ["cloudevent.id"] = message.Id.ToString(),
            ["cloudevent.type"] = message.EventType,
        };
        if (message.TraceParent is not null)
        {
            // The sidecar puts it on the CloudEvent and sends it to subscribers as the traceparent header.
            metadata["cloudevent.traceparent"] = message.TraceParent;
        }

        // Only with Eventing:Outbox:PublishTimings (the dispatcher sets them then): the hop's first steps, for the load tool.
        if (message.CommittedAt is { } committed)
        {
            metadata[PublishTimingKeys.CommittedAt] = committed.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (message.ClaimedAt is { } claimed)
        {
            metadata[PublishTimingKeys.ClaimedAt] = claimed.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (message.OrderingKey is not null)
        {
            // Brokers that partition (Kafka, Event Hubs) keep per-key order with this.
            metadata["partitionKey"] = message.OrderingKey;
        }

        // The payload is already JSON: sent as bytes with application/json, it becomes the
        // CloudEvent's "data" object instead of a JSON string holding JSON.
        return daprClient.PublishByteEventAsync(
            options.Value.PubSubName,
            message.Topic,
            System.Text.Encoding.UTF8.GetBytes(message.Payload),
            "application/json",
            metadata,
            ct);
    }
}

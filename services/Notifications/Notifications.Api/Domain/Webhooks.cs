namespace Notifications.Api.Domain;

/// <summary>A receiver registered by a business (its companies' events) or a regulator (all events).</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public string OwnerSubject { get; set; } = "";

    /// <summary>Registered by a regulator: receives every event.</summary>
    public bool AllCompanies { get; set; }

    public string Url { get; set; } = "";

    /// <summary>Feed types to send; empty means all.</summary>
    public List<string> EventTypes { get; set; } = [];

    public string? Description { get; set; }

    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation, still signing beside the new one until it expires.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>Start of the current run of failures; cleared by any success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>A <c>webhook.ping</c> to this endpoint, sent through the normal delivery path.</summary>
    public WebhookDelivery Ping(string eventType, string payload, DateTimeOffset now)
    {
        EnsureEnabled();
        return new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            EndpointId = Id,
            EventType = eventType,
            Payload = payload,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>A disabled endpoint is sent nothing more until it is registered again.</summary>
    public void EnsureEnabled()
    {
        if (DisabledAt is not null)
        {
            throw new InvalidStateException($"Webhook {Id} is disabled: {DisabledReason}");
        }
    }
}

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One message to one endpoint (the delivery outbox). Its id is the <c>webhook-id</c>, the same on
/// every attempt; the unique (endpoint, feed sequence) pair keeps one event to one message.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    /// <summary>Null for a test ping.</summary>
    public long? FeedSequence { get; set; }

    public string EventType { get; set; } = "";

    public string Payload { get; set; } = "{}";

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender's claim: others leave the row alone until then (survives a crash mid-send).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string MessageId => $"msg_{Id:N}";

    /// <summary>Sends the same message again (same <c>webhook-id</c>), whatever its state, unless its endpoint is disabled.</summary>
    public void Redeliver(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        endpoint.EnsureEnabled();
        Status = DeliveryStatus.Pending;
        NextAttemptAt = now;
        LockedUntil = null;
    }
}

/// <summary>One HTTP attempt of a delivery, as the deliveries list shows it.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    public string? Error { get; set; }
}

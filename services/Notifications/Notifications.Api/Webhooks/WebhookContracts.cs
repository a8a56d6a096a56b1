namespace Notifications.Api.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt,
    bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static WebhookResponse From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.EventTypes, e.Description, e.CreatedAt, e.DisabledAt is null, e.DisabledAt, e.DisabledReason);
}

/// <summary>The answer to create: the only time the secret is shown.</summary>
public sealed record CreatedWebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt, string Secret);

public sealed record RotatedSecretResponse(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record WebhookList(IReadOnlyList<WebhookResponse> Items);

public sealed record AttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error);

public sealed record DeliveryResponse(
    Guid Id, string WebhookId, string EventType, string Status, int AttemptCount, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<AttemptResponse> Attempts)
{
    public static DeliveryResponse From(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) =>
        new(d.Id, d.MessageId, d.EventType, d.Status.ToString(), d.Attempts, d.CreatedAt, d.DeliveredAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
            attempts.OrderBy(a => a.AttemptedAt).Select(a => new AttemptResponse(a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error)).ToList());
}

public sealed record DeliveryList(IReadOnlyList<DeliveryResponse> Items);

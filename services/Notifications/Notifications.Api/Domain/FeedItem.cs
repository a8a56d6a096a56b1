namespace Notifications.Api.Domain;

/// <summary>
/// One public event as the feed shows it. <see cref="Sequence"/> is assigned on arrival and gives
/// the feed its total order; cursors and SSE ids are sequences.
/// </summary>
public sealed class FeedItem
{
    public long Sequence { get; set; }

    /// <summary>The CloudEvent id: unique, so one event is never in the feed twice.</summary>
    public Guid EventId { get; set; }

    public string Type { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The company the event belongs to; null until an invoice's application is known.</summary>
    public string? RegistrationNumber { get; set; }

    public Guid? ApplicationId { get; set; }

    /// <summary>JSON object of the ids the event is about.</summary>
    public string Subject { get; set; } = "{}";

    /// <summary>JSON object of the event's public fields.</summary>
    public string Data { get; set; } = "{}";
}

/// <summary>Who owns a company, learnt from company-registered (or an application's owner).</summary>
public sealed class CompanyOwner
{
    public string RegistrationNumber { get; set; } = "";

    public string OwnerSubject { get; set; } = "";
}

/// <summary>Which company an application belongs to: invoice events name only the application.</summary>
public sealed class ApplicationLink
{
    public Guid ApplicationId { get; set; }

    public string RegistrationNumber { get; set; } = "";
}

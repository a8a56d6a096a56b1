namespace Notifications.Api.Domain;

/// <summary>
/// Where, in which language and to which name to write to a company: from company-registered, then kept
/// current by company-amended. <see cref="Version"/> is the registry's company version of the last amendment
/// applied (0: as registered), so an older amendment arriving late changes nothing.
/// </summary>
public sealed class CompanyContact
{
    public string RegistrationNumber { get; set; } = "";

    public string? ContactEmail { get; set; }

    public string PreferredLanguage { get; set; } = "en";

    /// <summary>Null for companies registered before the name was kept.</summary>
    public string? LegalName { get; set; }

    public long Version { get; set; }
}

/// <summary>A licence as the expiry reminders need it, kept at the latest version heard of.</summary>
public sealed class LicenceRecord
{
    public string LicenceNumber { get; set; } = "";

    public string RegistrationNumber { get; set; } = "";

    public string LicenceType { get; set; } = "";

    public string Status { get; set; } = "";

    public DateOnly ValidUntil { get; set; }

    public long Version { get; set; }
}

public enum EmailStatus { Pending, Sent, Failed }

/// <summary>
/// One mail to one recipient (the email outbox). Rendered when queued, so every retry sends the
/// same bytes under the same <see cref="MessageId"/>; unique on (source, recipient, kind), so one
/// event (or one reminder) never becomes two mails.
/// </summary>
public sealed class EmailMessage
{
    public Guid Id { get; set; }

    /// <summary>What caused it: <c>event:&lt;CloudEvent id&gt;</c>, a reminder's licence and date, a disabled endpoint.</summary>
    public string SourceKey { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Recipient { get; set; } = "";

    public string Language { get; set; } = "en";

    public string? RegistrationNumber { get; set; }

    /// <summary>The RFC 5322 Message-ID without angle brackets, fixed at queue time.</summary>
    public string MessageId { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public EmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender's claim, as for webhooks: a crash mid-send leaves it to run out.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}

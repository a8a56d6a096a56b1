namespace LicenceApplications.Api.Domain;

/// <summary>One line of an application's history: what it became (or what happened to it), when and why.</summary>
public sealed class ApplicationHistoryEntry
{
    public long Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Why: "submitted", "invoice-paid", "regulator-approved", ... plus free text where a person gave one.</summary>
    public string Cause { get; private set; } = "";

    private ApplicationHistoryEntry()
    {
    }

    public ApplicationHistoryEntry(Guid applicationId, ApplicationStatus status, DateTimeOffset at, string cause)
    {
        ApplicationId = applicationId;
        Status = status;
        At = at;
        Cause = cause;
    }
}

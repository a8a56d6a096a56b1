namespace LicenceApplications.Api.Domain;

/// <summary>One line of an application's history: what it became (or what happened to it), when, why and by whom.</summary>
public sealed class ApplicationHistoryEntry
{
    public long Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Why: "submitted", "invoice-paid", "regulator-approved", ... plus free text where a person gave one.</summary>
    public string Cause { get; private set; } = "";

    /// <summary>The person's <c>sub</c>, or <see cref="LicenceApplication.System"/>; null on lines written before it was recorded.</summary>
    public string? ChangedBy { get; private set; }

    private ApplicationHistoryEntry()
    {
    }

    public ApplicationHistoryEntry(Guid applicationId, ApplicationStatus status, DateTimeOffset at, string cause, string? changedBy)
    {
        ApplicationId = applicationId;
        Status = status;
        At = at;
        Cause = cause;
        ChangedBy = changedBy;
    }
}

/// <summary>A status change not yet announced: drained into application-status-changed by the save that stores it.</summary>
public sealed record ApplicationTransition(
    ApplicationStatus Previous, ApplicationStatus Status, string? Message, string ChangedBy, long Version, DateTimeOffset At);

/// <summary>A regulator's question on an application under review and, once given, the owner's answer.</summary>
public sealed class InformationRequest
{
    public long Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string Message { get; private set; } = "";

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? ResponseMessage { get; private set; }

    public List<Guid> ResponseDocumentIds { get; private set; } = [];

    public DateTimeOffset? RespondedAt { get; private set; }

    private InformationRequest()
    {
    }

    public InformationRequest(Guid applicationId, string message, string requestedBy, DateTimeOffset at)
    {
        ApplicationId = applicationId;
        Message = message;
        RequestedBy = requestedBy;
        RequestedAt = at;
    }

    public void Answer(string message, IEnumerable<Guid> documentIds, DateTimeOffset at)
    {
        ResponseMessage = message;
        ResponseDocumentIds = documentIds.ToList();
        RespondedAt = at;
    }
}

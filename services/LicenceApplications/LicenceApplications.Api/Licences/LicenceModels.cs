namespace LicenceApplications.Api.Licences;

public sealed record ReasonRequest(string? Reason);

public sealed record LicenceHistoryItem(string Status, DateTimeOffset At, string Cause, DateOnly ValidUntil, Guid? ApplicationId);

/// <summary>The contract's licence, extended with <c>eligibilityLapsed</c> and its <c>history</c> (issue, changes, renewals).</summary>
public sealed record LicenceResponse(
    string LicenceNumber,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    DateTimeOffset IssuedAt,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    string? StatusReason,
    bool EligibilityLapsed,
    IReadOnlyList<LicenceHistoryItem> History)
{
    public static LicenceResponse From(Licence l) => new(
        l.LicenceNumber, l.RegistrationNumber, l.LicenceType, l.Status.ToString(), l.IssuedAt, l.ValidFrom, l.ValidUntil, l.StatusReason,
        l.EligibilityLapsed,
        l.History.OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new LicenceHistoryItem(h.Status.ToString(), h.At, h.Cause, h.ValidUntil, h.ApplicationId)).ToList());
}

public sealed record LicencePage(IReadOnlyList<LicenceResponse> Items, string? NextCursor);

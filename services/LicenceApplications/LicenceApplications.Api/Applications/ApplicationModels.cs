using LicenceApplications.Api.Domain;

namespace LicenceApplications.Api.Applications;

public sealed record SubmitApplicationRequest(string? RegistrationNumber, string? LicenceType);

public sealed record DecisionRequest(bool? Approve, string? Reason);

public sealed record HistoryItem(string Status, DateTimeOffset At, string Cause);

public sealed record ApplicationResponse(
    Guid ApplicationId,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    decimal Fee,
    string Currency,
    DateTimeOffset SubmittedAt,
    string? PaymentReference,
    string? LicenceNumber,
    IReadOnlyList<HistoryItem> History)
{
    public static ApplicationResponse From(LicenceApplication a) => new(
        a.Id, a.RegistrationNumber, a.LicenceType, a.Status.ToString(), a.Fee, a.Currency, a.SubmittedAt,
        a.PaymentReference, a.LicenceNumber,
        a.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryItem(h.Status.ToString(), h.At, h.Cause)).ToList());
}

public sealed record ApplicationPage(IReadOnlyList<ApplicationResponse> Items, string? NextCursor);

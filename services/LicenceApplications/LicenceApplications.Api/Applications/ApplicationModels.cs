namespace LicenceApplications.Api.Applications;

public sealed record SubmitApplicationRequest(string? RegistrationNumber, string? LicenceType);

public sealed record DecisionRequest(bool? Approve, string? Reason);

public sealed record MessageRequest(string? Message);

public sealed record InformationResponseRequest(string? Message, IReadOnlyList<Guid>? DocumentIds);

public sealed record AppealRequest(string? Grounds);

public sealed record HistoryItem(string Status, DateTimeOffset At, string Cause);

public sealed record InformationRequestItem(
    string Message, DateTimeOffset RequestedAt, string? Response, DateTimeOffset? RespondedAt, IReadOnlyList<Guid> DocumentIds);

/// <summary>
/// The contract's application, extended: <c>renewalOf</c> (the licence a renewal renews),
/// <c>reviewDueAt</c> and <c>overdue</c> (under review past its due time), and the information requests with their answers.
/// </summary>
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
    IReadOnlyList<HistoryItem> History,
    string? RenewalOf,
    DateTimeOffset? ReviewDueAt,
    bool Overdue,
    IReadOnlyList<InformationRequestItem> InformationRequests)
{
    public static ApplicationResponse From(LicenceApplication a, DateTimeOffset now) => new(
        a.Id, a.RegistrationNumber, a.LicenceType, a.Status.ToString(), a.Fee, a.Currency, a.SubmittedAt,
        a.PaymentReference, a.LicenceNumber,
        a.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryItem(h.Status.ToString(), h.At, h.Cause)).ToList(),
        a.RenewalOf, a.ReviewDueAt, a.IsOverdue(now),
        a.InformationRequests.OrderBy(r => r.RequestedAt)
            .Select(r => new InformationRequestItem(r.Message, r.RequestedAt, r.ResponseMessage, r.RespondedAt, r.ResponseDocumentIds))
            .ToList());
}

public sealed record ApplicationPage(IReadOnlyList<ApplicationResponse> Items, string? NextCursor);

using LicenceApplications.Api.Domain;

namespace LicenceApplications.Api.Licences;

public sealed record ReasonRequest(string? Reason);

public sealed record LicenceResponse(
    string LicenceNumber,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    DateTimeOffset IssuedAt,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    string? StatusReason)
{
    public static LicenceResponse From(Licence l) => new(
        l.LicenceNumber, l.RegistrationNumber, l.LicenceType, l.Status.ToString(), l.IssuedAt, l.ValidFrom, l.ValidUntil, l.StatusReason);
}

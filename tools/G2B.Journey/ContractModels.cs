namespace G2B.Journey;

// The public contract as a caller sees it (../shared/api-contract.md); only the fields the journey reads.

public sealed record TokenResponse(string AccessToken, int ExpiresIn);

public sealed record Address(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

public sealed record RegisterCompany(
    string LegalName, string LegalForm, string TaxId, Address Address, IReadOnlyList<string> ActivityCodes);

public sealed record CompanyLicence(string LicenceNumber, string LicenceType, string Status, DateOnly? ValidUntil);

public sealed record Company(
    string RegistrationNumber,
    string LegalName,
    string LegalForm,
    string TaxId,
    string Status,
    IReadOnlyList<string> ActivityCodes,
    IReadOnlyList<CompanyLicence> Licences);

public sealed record LicenceType(
    string Code, string Name, decimal Fee, string Currency, int ValidityMonths, bool RequiresReview,
    IReadOnlyList<string> EligibleActivityCodes);

public sealed record Application(
    Guid ApplicationId,
    string RegistrationNumber,
    string LicenceType,
    string Status,
    decimal Fee,
    string Currency,
    DateTimeOffset SubmittedAt,
    string? PaymentReference,
    string? LicenceNumber);

public sealed record Invoice(
    string PaymentReference, Guid ApplicationId, decimal Amount, string Currency, string Status,
    DateTimeOffset DueAt, DateTimeOffset? PaidAt, string? BankCode, string? BankTransactionId);

public sealed record Bill(string PaymentReference, decimal Amount, string Currency, string Status, DateTimeOffset DueAt, string PayeeName);

public sealed record PaymentConfirmation(
    string PaymentReference, decimal Amount, string Currency, string BankTransactionId, DateTimeOffset PaidAt);

public sealed record PaymentAnswer(string? Status, string? Type, int HttpStatus);

public sealed record Licence(
    string LicenceNumber, string RegistrationNumber, string LicenceType, string Status,
    DateTimeOffset IssuedAt, DateOnly ValidFrom, DateOnly ValidUntil);

public sealed record LicenceVerification(string LicenceNumber, string HolderName, string LicenceType, string Status, DateOnly ValidUntil);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Api;

// The public contract's shapes, only the fields the pages show; unknown fields are ignored, so additions to the
// API never break the portal.

public sealed record LicenceTypeDto(
    string Code, string Name, decimal Fee, string Currency, int ValidityMonths, bool RequiresReview,
    IReadOnlyList<string> EligibleActivityCodes, int? RenewalWindowDays = null, int? RenewalGraceDays = null,
    IReadOnlyList<string>? RequiredDocuments = null);

public sealed record ActivityCodeDto(string Code, string Name, string Section, string SectionName);

public sealed record AddressDto(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record RegisterCompanyDto(
    string LegalName, string LegalForm, string TaxId, AddressDto Address, IReadOnlyList<string> ActivityCodes,
    string? ContactEmail, string PreferredLanguage);

public sealed record CompanyLicenceDto(string LicenceNumber, string LicenceType, string Status, DateOnly? ValidUntil);

public sealed record CompanyDto(
    string RegistrationNumber, string LegalName, string LegalForm, string TaxId, AddressDto Address,
    IReadOnlyList<string> ActivityCodes, string Status, DateTimeOffset RegisteredAt, IReadOnlyList<CompanyLicenceDto> Licences);

public sealed record ReasonDto(string? Reason);

public sealed record ApplyDto(string RegistrationNumber, string LicenceType);

public sealed record HistoryItemDto(string Status, DateTimeOffset At, string? Cause);

public sealed record ApplicationDto(
    Guid ApplicationId, string RegistrationNumber, string LicenceType, string Status, decimal Fee, string Currency,
    DateTimeOffset SubmittedAt, string? PaymentReference, string? LicenceNumber, IReadOnlyList<HistoryItemDto>? History,
    string? RenewalOf = null, DateTimeOffset? ReviewDueAt = null, bool Overdue = false,
    IReadOnlyList<InformationRequestDto>? InformationRequests = null);

/// <summary>A regulator's question on an application and the owner's answer (with the documents it named), once given.</summary>
public sealed record InformationRequestDto(
    string Message, DateTimeOffset RequestedAt, string? Response, DateTimeOffset? RespondedAt, IReadOnlyList<Guid>? DocumentIds);

public sealed record MessageDto(string Message);

public sealed record InformationResponseDto(string Message, IReadOnlyList<Guid> DocumentIds);

public sealed record AppealDto(string Grounds);

/// <summary>A document uploaded to an application: what it is (<c>kind</c>: one of the type's required documents, or <c>other</c>).</summary>
public sealed record DocumentDto(
    Guid DocumentId, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string Kind);

public sealed record ApplicationPageDto(IReadOnlyList<ApplicationDto> Items, string? NextCursor);

public sealed record InvoiceDto(
    string PaymentReference, Guid ApplicationId, decimal Amount, string Currency, string Status, DateTimeOffset DueAt, DateTimeOffset? PaidAt);

public sealed record LicenceDto(
    string LicenceNumber, string RegistrationNumber, string LicenceType, string Status,
    DateTimeOffset IssuedAt, DateOnly ValidFrom, DateOnly ValidUntil, string? StatusReason = null,
    bool EligibilityLapsed = false, IReadOnlyList<LicenceHistoryDto>? History = null);

public sealed record LicencePageDto(IReadOnlyList<LicenceDto> Items, string? NextCursor);

/// <summary>One step of a licence's life: its issue, each status change, each renewal (with the end date it gave).</summary>
public sealed record LicenceHistoryDto(string Status, DateTimeOffset At, string? Cause, DateOnly ValidUntil, Guid? ApplicationId);

/// <summary>
/// <c>PATCH /api/companies/{n}</c> as merge-patch: only the fields given are changed, so a field left null is left out
/// of the body (a null would ask to remove it).
/// </summary>
public sealed record AmendCompanyDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? LegalName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    AddressDto? Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? ActivityCodes);

public sealed record EventDto(string Id, string Type, DateTimeOffset OccurredAt, string? RegistrationNumber, JsonElement Subject, JsonElement Data);

public sealed record EventPageDto(IReadOnlyList<EventDto> Items, string? NextCursor);

public sealed record CredentialDto(string Credential);

/// <summary>POST /verify/credentials: the signature and, only when it is valid, the claims and the licence's live status.</summary>
public sealed record CredentialVerdictDto(
    bool SignatureValid, string? Issuer, string? LicenceNumber, JsonElement? Claims, string? CurrentStatus, string? Reason);

/// <summary>GET /verify/licences/{licenceNumber}: what anyone may know of a licence.</summary>
public sealed record LicenceVerdictDto(string LicenceNumber, string? HolderName, string LicenceType, string Status, DateOnly ValidUntil);

public sealed record CompanyPageDto(IReadOnlyList<CompanyDto> Items, string? NextCursor);

/// <summary>One change to a company: when, who (the token's subject), what, why, and the fields it changed.</summary>
public sealed record CompanyHistoryDto(DateTimeOffset At, string Actor, string Action, string? Reason, JsonElement Changes);

public sealed record DecisionDto(bool Approve, string? Reason);

public sealed record PaymentExceptionDto(
    long Id, string BankCode, string BankTransactionId, string PaymentReference, decimal Amount, string Currency,
    DateTimeOffset PaidAt, string Reason, DateTimeOffset DetectedAt);

public sealed record PaymentExceptionPageDto(IReadOnlyList<PaymentExceptionDto> Items, string? NextCursor);

/// <summary>An RFC 9457 problem as the API sends it; <see cref="Slug"/> is the last segment of <c>type</c>.</summary>
public sealed record ApiProblem(int Status, string? Slug, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Refit 16 generates the client at build time; its JSON comes from this source-generated context (web naming).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<LicenceTypeDto>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ActivityCodeDto>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(RegisterCompanyDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(CompanyDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReasonDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ApplyDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ApplicationDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ApplicationPageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(InvoiceDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LicenceDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LicencePageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(EventPageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(CredentialDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(CredentialVerdictDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(LicenceVerdictDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(CompanyPageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<CompanyHistoryDto>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DecisionDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(PaymentExceptionPageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(MessageDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(InformationResponseDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(AppealDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DocumentDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<DocumentDto>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(AmendCompanyDto))]
[System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class SuiteJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

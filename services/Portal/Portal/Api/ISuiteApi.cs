using Refit;

namespace Portal.Api;

/// <summary>
/// The suite's public API (docs/api-contract.md) as the portal calls it, through the gateway, with the signed-in
/// person's token (<see cref="AccessTokenHandler"/>). Every call answers an <see cref="IApiResponse{T}"/>: a refusal
/// is a normal answer to show in words, not an exception.
/// </summary>
public interface ISuiteApi
{
    [Get("/api/licence-types")]
    Task<IApiResponse<List<LicenceTypeDto>>> LicenceTypesAsync(CancellationToken ct = default);

    [Get("/api/activity-codes")]
    Task<IApiResponse<List<ActivityCodeDto>>> ActivityCodesAsync(CancellationToken ct = default);

    [Post("/api/companies")]
    Task<IApiResponse<CompanyDto>> RegisterCompanyAsync([Body] RegisterCompanyDto company, CancellationToken ct = default);

    [Get("/api/companies/{registrationNumber}")]
    Task<IApiResponse<CompanyDto>> CompanyAsync(string registrationNumber, CancellationToken ct = default);

    [Post("/api/companies/{registrationNumber}/dissolve")]
    Task<IApiResponse<CompanyDto>> DissolveAsync(string registrationNumber, [Body] ReasonDto reason, CancellationToken ct = default);

    [Get("/api/applications")]
    Task<IApiResponse<ApplicationPageDto>> ApplicationsAsync(
        string? registrationNumber = null, string? status = null, int? limit = null, string? cursor = null, string? sort = null,
        CancellationToken ct = default);

    [Post("/api/applications")]
    Task<IApiResponse<ApplicationDto>> ApplyAsync(
        [Body] ApplyDto application, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken ct = default);

    [Get("/api/applications/{applicationId}")]
    Task<IApiResponse<ApplicationDto>> ApplicationAsync(Guid applicationId, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/cancel")]
    Task<IApiResponse<ApplicationDto>> CancelAsync(Guid applicationId, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/withdraw")]
    Task<IApiResponse<ApplicationDto>> WithdrawAsync(Guid applicationId, CancellationToken ct = default);

    [Get("/api/invoices/{paymentReference}")]
    Task<IApiResponse<InvoiceDto>> InvoiceAsync(string paymentReference, CancellationToken ct = default);

    [Get("/api/licences/{licenceNumber}")]
    Task<IApiResponse<LicenceDto>> LicenceAsync(string licenceNumber, CancellationToken ct = default);

    [Get("/api/licences/{licenceNumber}/certificate.pdf")]
    Task<IApiResponse<HttpContent>> CertificateAsync(string licenceNumber, string lang, CancellationToken ct = default);

    [Get("/api/events")]
    Task<IApiResponse<EventPageDto>> EventsAsync(string? after = null, int? limit = null, string? types = null, CancellationToken ct = default);

    // Public verification (issue 15): anyone, no token needed.
    [Post("/verify/credentials")]
    Task<IApiResponse<CredentialVerdictDto>> VerifyCredentialAsync([Body] CredentialDto credential, CancellationToken ct = default);

    [Get("/verify/licences/{licenceNumber}")]
    Task<IApiResponse<LicenceVerdictDto>> VerifyLicenceAsync(string licenceNumber, CancellationToken ct = default);

    // Regulator pages (issue 12, second half).
    [Get("/api/companies")]
    Task<IApiResponse<CompanyPageDto>> SearchCompaniesAsync(
        string? q = null, string? status = null, string? activityCode = null, string? licenceType = null, int? limit = null,
        string? cursor = null, CancellationToken ct = default);

    [Get("/api/companies/{registrationNumber}/history")]
    Task<IApiResponse<List<CompanyHistoryDto>>> CompanyHistoryAsync(string registrationNumber, CancellationToken ct = default);

    [Post("/api/companies/{registrationNumber}/{action}")]
    Task<IApiResponse<CompanyDto>> CompanyActionAsync(string registrationNumber, string action, [Body] ReasonDto reason, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/decision")]
    Task<IApiResponse<ApplicationDto>> DecideAsync(Guid applicationId, [Body] DecisionDto decision, CancellationToken ct = default);

    [Get("/api/licences")]
    Task<IApiResponse<LicencePageDto>> LicencesAsync(
        string? registrationNumber = null, string? status = null, string? eligibilityLapsed = null, int? limit = null,
        string? cursor = null, CancellationToken ct = default);

    [Post("/api/licences/{licenceNumber}/{action}")]
    Task<IApiResponse<LicenceDto>> LicenceActionAsync(string licenceNumber, string action, [Body] ReasonDto reason, CancellationToken ct = default);

    // The licence's life after issue (issue 13).
    [Patch("/api/companies/{registrationNumber}")]
    Task<IApiResponse<CompanyDto>> AmendCompanyAsync(string registrationNumber, [Body] AmendCompanyDto changes, CancellationToken ct = default);

    /// <summary>The same PATCH with a merge-patch built by hand: <c>"contactEmail": null</c> must be sent to remove the address.</summary>
    [Patch("/api/companies/{registrationNumber}")]
    Task<IApiResponse<CompanyDto>> AmendContactAsync(string registrationNumber, [Body] System.Text.Json.Nodes.JsonObject changes, CancellationToken ct = default);

    [Post("/api/licences/{licenceNumber}/renew")]
    Task<IApiResponse<ApplicationDto>> RenewAsync(
        string licenceNumber, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/information-requests")]
    Task<IApiResponse<ApplicationDto>> RequestInformationAsync(Guid applicationId, [Body] MessageDto request, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/information-responses")]
    Task<IApiResponse<ApplicationDto>> RespondAsync(Guid applicationId, [Body] InformationResponseDto response, CancellationToken ct = default);

    [Post("/api/applications/{applicationId}/appeal")]
    Task<IApiResponse<ApplicationDto>> AppealAsync(Guid applicationId, [Body] AppealDto appeal, CancellationToken ct = default);

    [Multipart]
    [Post("/api/applications/{applicationId}/documents")]
    Task<IApiResponse<DocumentDto>> UploadDocumentAsync(
        Guid applicationId, [AliasAs("kind")] string kind, [AliasAs("file")] StreamPart file, CancellationToken ct = default);

    [Get("/api/applications/{applicationId}/documents")]
    Task<IApiResponse<List<DocumentDto>>> DocumentsAsync(Guid applicationId, CancellationToken ct = default);

    [Get("/api/applications/{applicationId}/documents/{documentId}")]
    Task<IApiResponse<HttpContent>> DocumentAsync(Guid applicationId, Guid documentId, CancellationToken ct = default);

    [Get("/api/payments/exceptions")]
    Task<IApiResponse<PaymentExceptionPageDto>> PaymentExceptionsAsync(int? limit = null, string? cursor = null, CancellationToken ct = default);
}

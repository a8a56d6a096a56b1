using Refit;

namespace Portal.Business;

/// <summary>What came of sending one file: the document, or the words for the file field, or a refusal for the page.</summary>
public sealed record UploadOutcome(DocumentDto? Document, string? FieldErrorKey, ApiResult<DocumentDto> Result);

/// <summary>
/// A file a person chose, sent on to the API (<c>POST /api/applications/{id}/documents</c>, multipart) as it was
/// received, with its kind. The API recognises the type by the bytes and holds the size limit; its refusals about the
/// file (too large, not a PDF/PNG/JPEG, empty, too many) become the file field's error in words.
/// </summary>
public static class DocumentUpload
{
    /// <summary>
    /// The most the gateway lets through to the API's upload route (docs/api-contract.md: 11 MiB). A larger file is
    /// refused here with the same words, rather than sent for the gateway to cut off.
    /// </summary>
    public const long GatewayLimitBytes = 11 * 1024 * 1024;

    /// <summary>
    /// The most the gateway lets through to the portal's two upload pages (routes <c>portal-document-upload</c> and
    /// <c>portal-information-response</c> in gateway/Gateway/appsettings.json): a file up to this size still reaches the
    /// portal, which answers in words; a larger one is stopped by the page's script before it is sent.
    /// </summary>
    public const long PortalLimitBytes = 25 * 1024 * 1024;

    public const string TooLarge = "Upload_Error_TooLarge";

    public static bool HasFile(IFormFile? file) => file is not null && (file.Length > 0 || !string.IsNullOrEmpty(file.FileName));

    public static async Task<UploadOutcome> SendAsync(SuiteClient suite, Guid applicationId, string kind, IFormFile file)
    {
        if (file.Length > GatewayLimitBytes)
        {
            return new UploadOutcome(null, TooLarge, new ApiResult<DocumentDto>(null, StatusCodes.Status413PayloadTooLarge, null));
        }

        await using var content = file.OpenReadStream();
        var part = new StreamPart(content, string.IsNullOrWhiteSpace(file.FileName) ? "document" : file.FileName,
            string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType);
        var result = await suite.CallAsync(api => api.UploadDocumentAsync(applicationId, kind, part));
        if (result.Succeeded)
        {
            return new UploadOutcome(result.Value, null, result);
        }

        return new UploadOutcome(null, FieldError(result), result);
    }

    /// <summary>The file field's words for a refusal about the file itself; null for any other refusal.</summary>
    internal static string? FieldError(ApiResult<DocumentDto> result) => (result.Status, result.Slug) switch
    {
        (413, _) or (_, "payload-too-large") => TooLarge,
        (415, _) or (_, "unsupported-media-type") => "Upload_Error_Type",
        (409, "too-many-documents") => "Problem_too-many-documents",
        (400, _) when result.Problem?.Errors.ContainsKey("file") == true => "Upload_Error_Empty",
        (400, _) when result.Problem?.Errors.ContainsKey("kind") == true => "Upload_Error_Kind",
        _ => null,
    };
}

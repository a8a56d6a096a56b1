using System.Security.Claims;
using LicenceApplications.Api.Applications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LicenceApplications.Api.Documents;

public sealed record DocumentResponse(
    Guid DocumentId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string Kind)
{
    public static DocumentResponse From(ApplicationDocument d) => new(d.Id, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt, d.Kind);
}

/// <summary>
/// An application's documents: the owner uploads (multipart/form-data, one <c>file</c> and an optional
/// <c>kind</c> field); the owner and regulators list and download them.
/// </summary>
public static class DocumentsApi
{
    private const int MaxKindLength = 60;

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications/{applicationId:guid}/documents").WithTags("Applications");
        group.MapPost("/", UploadAsync).RequireAuthorization(AuthPolicies.Business).DisableAntiforgery();
        group.MapGet("/", ListAsync).RequireAuthorization();
        group.MapGet("/{documentId:guid}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> UploadAsync(
        Guid applicationId, HttpRequest request, ClaimsPrincipal user, LicenceApplicationsDbContext db, DocumentStore store,
        CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null || application.OwnerSubject != user.GetSubject())
        {
            return ApplicationCommands.NotFound(applicationId).ToProblem();
        }

        if (!DocumentStore.Accepts(application))
        {
            return Problems.InvalidState($"An application in status {application.Status} takes no more documents.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                "The request content type is not supported.", "Send multipart/form-data with a file field.");
        }

        var type = await db.LicenceTypes.AsNoTracking().SingleAsync(t => t.Code == application.LicenceType, ct);
        var reader = new MultipartReader(boundary, request.Body);
        string? kind = null;
        DocumentUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data"))
                {
                    continue;
                }

                if (disposition.IsFileDisposition())
                {
                    if (upload is not null)
                    {
                        return Field("file", "Send one file per request.");
                    }

                    var fileName = SafeFileName(disposition.FileNameStar.Value ?? disposition.FileName.Value);
                    upload = await store.BeginAsync(applicationId, fileName, user.GetSubject()!, ct);
                    if (upload is null)
                    {
                        return Problems.Create(StatusCodes.Status409Conflict, "too-many-documents", "The application has the most documents it may have.",
                            $"An application takes at most {ApplicationDocument.MaxPerApplication} documents.");
                    }

                    if (await upload.WriteAsync(section.Body, ct) is { } problem)
                    {
                        return Refused(problem);
                    }
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Equals("kind"))
                {
                    kind = await ReadShortValueAsync(section.Body, ct);
                }
            }

            var allowed = type.RequiredDocuments.Append(ApplicationDocument.OtherKind).ToList();
            kind = string.IsNullOrWhiteSpace(kind) ? ApplicationDocument.OtherKind : kind.Trim();
            if (!allowed.Contains(kind))
            {
                return Field("kind", $"kind is one of: {string.Join(", ", allowed)}.");
            }

            if (upload is null)
            {
                return Field("file", "A file (PDF, PNG or JPEG) is required.");
            }

            await upload.CompleteAsync(kind, ct);
            return TypedResults.Created($"/api/applications/{applicationId}/documents/{upload.Document.Id}", DocumentResponse.From(upload.Document));
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync();
            }
        }
    }

    private static async Task<Results<Ok<List<DocumentResponse>>, ProblemHttpResult>> ListAsync(
        Guid applicationId, ClaimsPrincipal user, LicenceApplicationsDbContext db, DocumentStore store, CancellationToken ct)
    {
        if (!await MaySeeAsync(applicationId, user, db, ct))
        {
            return ApplicationCommands.NotFound(applicationId).ToProblem();
        }

        return TypedResults.Ok((await store.ListAsync(applicationId, ct)).Select(DocumentResponse.From).ToList());
    }

    /// <summary>Always a download (attachment, nosniff), so a browser never renders an uploaded file in the suite's origin.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid applicationId, Guid documentId, HttpContext http, ClaimsPrincipal user, LicenceApplicationsDbContext db,
        DocumentStore store, CancellationToken ct)
    {
        var document = await MaySeeAsync(applicationId, user, db, ct) ? await store.FindAsync(applicationId, documentId, ct) : null;
        if (document is null)
        {
            return Problems.NotFound($"Document {documentId} of application {applicationId} was not found.");
        }

        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.ContentLength = document.Size;
        return TypedResults.Stream(body => store.CopyToAsync(document.Id, body, http.RequestAborted), document.ContentType, document.FileName);
    }

    private static async Task<bool> MaySeeAsync(Guid applicationId, ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var owner = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.OwnerSubject).FirstOrDefaultAsync(ct);
        return owner is not null && (user.IsRegulator() || (user.IsBusiness() && owner == user.GetSubject()));
    }

    private static ProblemHttpResult Refused(UploadProblem problem) => problem switch
    {
        UploadProblem.TooLarge => Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.",
            $"A document may be at most {ApplicationDocument.MaxSize / (1024 * 1024)} MB."),
        UploadProblem.Empty => Field("file", "The file is empty."),
        _ => Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The file type is not accepted.",
            "Only PDF, PNG and JPEG files are accepted, recognised by their content."),
    };

    private static ProblemHttpResult Field(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The name without any path, control or quote characters, at most 200 characters; "document" when nothing is left.</summary>
    private static string SafeFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/').Trim('"'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        return clean.Length == 0 ? "document" : clean[..Math.Min(clean.Length, 200)];
    }

    /// <summary>A form field value, read no further than a kind can be long.</summary>
    private static async Task<string?> ReadShortValueAsync(Stream body, CancellationToken ct)
    {
        var buffer = new char[MaxKindLength + 1];
        using var text = new StreamReader(body);
        // A longer value is cut, and then matches no kind.
        return new string(buffer, 0, await text.ReadBlockAsync(buffer, ct));
    }
}

namespace Portal.Pages.Business.Applications;

/// <summary>
/// Uploading an application's documents by kind: one small form for each document its licence type requires, and one
/// for any other document. A refused file is said next to its own field.
/// </summary>
public sealed class DocumentsModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : ApplicationPage(suite, text, catalogue)
{
    public const string OtherKind = "other";

    /// <summary>The kinds a form is shown for: the required ones, then "other".</summary>
    public IReadOnlyList<string> Kinds => [.. Papers.RequiredKinds, OtherKind];

    public bool Accepting => ApplicationRules.AcceptsDocuments(Application);

    /// <summary>The file just received (after the redirect), for the notice on top.</summary>
    public DocumentDto? Received { get; private set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public static string FieldId(string kind) => "file-" + kind;

    public async Task<IActionResult> OnGetAsync(Guid applicationId, Guid? received)
    {
        if (await LoadApplicationAsync(applicationId, forRegulator: false) is { } refused)
        {
            return refused;
        }

        Received = Papers.Documents.FirstOrDefault(d => d.DocumentId == received);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        if (await LoadApplicationAsync(applicationId, forRegulator: false) is { } refused)
        {
            return refused;
        }

        if (Kind is null || !Kinds.Contains(Kind))
        {
            // Not a kind this page offered: a crafted post.
            return BadRequest();
        }

        var field = FieldId(Kind);
        if (!DocumentUpload.HasFile(Upload))
        {
            Errors[field] = Text["Upload_Error_NoFile"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var upload = await DocumentUpload.SendAsync(Suite, applicationId, Kind, Upload!);
        if (upload.Document is { } sent)
        {
            return Redirect($"/applications/{applicationId}/documents?received={sent.DocumentId}");
        }

        if (upload.Result.Status is 401 or 403 or 404)
        {
            return Refusal(upload.Result);
        }

        ShowUploadRefusal(upload, field);
        AnswerWith(upload.Result.Status);
        return Page();
    }
}

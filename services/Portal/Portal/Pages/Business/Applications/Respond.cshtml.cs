namespace Portal.Pages.Business.Applications;

/// <summary>
/// Answering a regulator's question: a message, optionally a new file (sent to the API's documents first), and any
/// documents already uploaded to the application. A refused file is said next to the file field; nothing is answered
/// until everything is accepted.
/// </summary>
public sealed class RespondModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : ApplicationPage(suite, text, catalogue)
{
    /// <summary>The API's limit for the answer.</summary>
    public const int MessageMaxLength = 1000;

    public InformationRequestDto? Question =>
        Application.Status == "InformationRequested" ? Papers.Questions.LastOrDefault(q => q.RespondedAt is null) : null;

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Documents of the application sent with the answer (those checked, and a file uploaded on a refused try).</summary>
    [BindProperty]
    public List<Guid> DocumentIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid applicationId) => await LoadApplicationAsync(applicationId, forRegulator: false) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        var message = RequiredText(Message, MessageMaxLength, "message", "Respond_Error_message");

        var status = StatusCodes.Status400BadRequest;
        if (Errors.Count == 0 && DocumentUpload.HasFile(Upload))
        {
            var upload = await DocumentUpload.SendAsync(Suite, applicationId, "other", Upload!);
            if (upload.Document is { } sent)
            {
                DocumentIds.Add(sent.DocumentId);
            }
            else if (upload.Result.Status is 401 or 403 or 404)
            {
                return Refusal(upload.Result);
            }
            else
            {
                ShowUploadRefusal(upload, "file");
                status = upload.Result.Status;
            }
        }

        if (Errors.Count == 0 && FormError is null)
        {
            var answered = await Suite.CallAsync(api => api.RespondAsync(applicationId, new InformationResponseDto(message!, [.. DocumentIds.Distinct()])));
            if (answered.Succeeded)
            {
                return Redirect($"/applications/{applicationId}");
            }

            if (FormRefusal(answered, new Dictionary<string, string> { ["message"] = "message", ["documentIds"] = "documents" }) is { } refusal)
            {
                return refusal;
            }

            status = answered.Status;
        }

        ModelState.Clear();
        AnswerWith(status);
        return await LoadApplicationAsync(applicationId, forRegulator: false) ?? Page();
    }
}

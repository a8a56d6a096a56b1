namespace Portal.Pages.Business.Applications;

/// <summary>
/// Appealing a rejection: the decision and its reason, until when an appeal is taken (30 days, once), the grounds, and
/// the way to add documents that support them. Another regulator than the one who rejected it decides.
/// </summary>
public sealed class AppealModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, TimeProvider time)
    : ApplicationPage(suite, text, catalogue)
{
    /// <summary>The API's limit for the grounds.</summary>
    public const int GroundsMaxLength = 1000;

    [BindProperty]
    public string? Grounds { get; set; }

    public DateTimeOffset? Deadline => ApplicationRules.AppealDeadline(Application, time.GetUtcNow());

    /// <summary>The rejection's reason, as the history keeps it.</summary>
    public string? RejectionReason =>
        (Application.History ?? []).LastOrDefault(h => h.Status == "Rejected") is { } rejected ? Localisation.Formats.HistoryNote(rejected) : null;

    public async Task<IActionResult> OnGetAsync(Guid applicationId) => await LoadApplicationAsync(applicationId, forRegulator: false) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        if (RequiredText(Grounds, GroundsMaxLength, "grounds", "Appeal_Error_grounds") is not { } grounds)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(applicationId);
        }

        var appealed = await Suite.CallAsync(api => api.AppealAsync(applicationId, new AppealDto(grounds)));
        if (appealed.Succeeded)
        {
            return Redirect($"/applications/{applicationId}");
        }

        return FormRefusal(appealed, new Dictionary<string, string> { ["grounds"] = "grounds" }) ?? await OnGetAsync(applicationId);
    }
}

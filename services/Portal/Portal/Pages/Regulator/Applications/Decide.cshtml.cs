using Portal.Pages.Shared;

namespace Portal.Pages.Regulator.Applications;

/// <summary>
/// An application as a regulator sees it: its questions and answers, its documents, its history. Under review: approve,
/// reject (with a reason) or ask the business for information (the question). Under appeal: approve upholds the appeal,
/// reject dismisses it; the regulator who rejected it may not decide its appeal (the API's 403, said in words here).
/// </summary>
public sealed class DecideModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : ApplicationPage(suite, text, catalogue)
{
    /// <summary>The API's limit for a reason or a question.</summary>
    public const int TextMaxLength = 1000;

    public CompanyDto? Company { get; private set; }

    /// <summary>"approve", "reject" or "request" (information).</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>What was just done ("decided" or "requested"), for the notice on top.</summary>
    public string? Done { get; private set; }

    public bool UnderAppeal => Application.Status == "UnderAppeal";

    public bool Decidable => Application.Status is "UnderReview" or "UnderAppeal";

    /// <summary>The business's grounds for its appeal, as the history keeps them.</summary>
    public string? AppealGrounds =>
        (Application.History ?? []).LastOrDefault(h => h.Status == "UnderAppeal") is { } appeal ? Localisation.Formats.HistoryNote(appeal) : null;

    public async Task<IActionResult> OnGetAsync(Guid applicationId, string? done)
    {
        if (await LoadApplicationAsync(applicationId, forRegulator: true) is { } refused)
        {
            return refused;
        }

        Company = (await Suite.CallAsync(api => api.CompanyAsync(Application.RegistrationNumber))).Value;
        Done = done is "decided" or "requested" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        if (Decision is not ("approve" or "reject" or "request"))
        {
            Errors["decision"] = Text["Decide_Error_decision"];
        }

        var reason = RequiredText(Reason, TextMaxLength, "reason", Decision == "request" ? "Decide_Error_question" : "Decide_Error_reason");

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(applicationId, null);
        }

        var asked = Decision == "request";
        var result = asked
            ? await Suite.CallAsync(api => api.RequestInformationAsync(applicationId, new MessageDto(reason!)))
            : await Suite.CallAsync(api => api.DecideAsync(applicationId, new DecisionDto(Decision == "approve", reason)));
        if (result.Succeeded)
        {
            return Redirect($"/regulator/applications/{applicationId}?done={(asked ? "requested" : "decided")}");
        }

        if (result.Status == StatusCodes.Status403Forbidden && !asked)
        {
            // A regulator may decide other appeals; this one is refused because this regulator rejected it first.
            FormError = Text["Decide_Error_SameRegulator"];
            AnswerWith(result.Status);
        }
        else if (FormRefusal(result, new Dictionary<string, string> { ["reason"] = "reason", ["message"] = "reason", ["approve"] = "decision" }) is { } refusal)
        {
            return refusal;
        }

        return await OnGetAsync(applicationId, null);
    }
}

namespace Portal.Pages.Regulator;

/// <summary>
/// A regulator's action with a reason, confirmed on its own page: suspend or reinstate a company; suspend, revoke or
/// reinstate a licence. The reason is required (it goes into the history and the owner's notification).
/// </summary>
public sealed class ActModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public const int ReasonMaxLength = 500;

    public string Kind { get; private set; } = "";

    public string Id { get; private set; } = "";

    public string Verb { get; private set; } = "";

    /// <summary>What the action is about, for the caption: the company's name or the licence number.</summary>
    public string Subject { get; private set; } = "";

    [BindProperty]
    public string? Reason { get; set; }

    public string BackUrl => $"/regulator/{Kind}/{Uri.EscapeDataString(Id)}";

    public async Task<IActionResult> OnGetAsync(string kind, string id, string verb)
    {
        if (!Allowed(kind, verb))
        {
            return NotFound();
        }

        (Kind, Id, Verb) = (kind, id, verb);
        var refusal = kind == "companies"
            ? await ReadAsync(api => api.CompanyAsync(id), company => Subject = company.LegalName)
            : await ReadAsync(api => api.LicenceAsync(id), licence => Subject = licence.LicenceNumber);
        return refusal ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, string id, string verb)
    {
        if (!Allowed(kind, verb))
        {
            return NotFound();
        }

        if (RequiredText(Reason, ReasonMaxLength, "reason", "Regulator_Error_reason") is not { } reason)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(kind, id, verb);
        }

        var (status, problem) = kind == "companies"
            ? Outcome(await Suite.CallAsync(api => api.CompanyActionAsync(id, verb, new ReasonDto(reason))))
            : Outcome(await Suite.CallAsync(api => api.LicenceActionAsync(id, verb, new ReasonDto(reason))));
        if (status is >= 200 and < 300)
        {
            return Redirect($"/regulator/{kind}/{Uri.EscapeDataString(id)}?done={verb}");
        }

        if (status is 401 or 403 or 404)
        {
            return StatusCode(status);
        }

        AddFieldErrors(problem, new Dictionary<string, string> { ["reason"] = "reason" });
        if (Errors.Count == 0)
        {
            FormError = Explain(problem, status);
        }

        AnswerWith(status);
        return await OnGetAsync(kind, id, verb);
    }

    private static (int Status, ApiProblem? Problem) Outcome<T>(ApiResult<T> result) => (result.Status, result.Problem);

    private static bool Allowed(string kind, string verb) =>
        (kind, verb) is ("companies", "suspend" or "reinstate") or ("licences", "suspend" or "revoke" or "reinstate");
}

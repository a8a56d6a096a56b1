using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Regulator.Applications;

/// <summary>An application as a regulator sees it; while it is under review, the decision: approve or reject, with a reason.</summary>
public sealed class DecideModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public ApplicationDto Application { get; private set; } = null!;

    public CompanyDto? Company { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>"approve" or "reject".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool Decided { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid applicationId, string? decided)
    {
        var application = await Suite.CallAsync(api => api.ApplicationAsync(applicationId));
        if (!application.Succeeded)
        {
            return Refusal(application);
        }

        Application = application.Value!;
        Company = (await Suite.CallAsync(api => api.CompanyAsync(Application.RegistrationNumber))).Value;
        Types = await catalogue.LicenceTypesAsync();
        Decided = decided == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        var reason = Reason?.Trim();
        if (Decision is not ("approve" or "reject"))
        {
            Errors["decision"] = Text["Decide_Error_decision"];
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > ActModel.ReasonMaxLength)
        {
            Errors["reason"] = Text["Regulator_Error_reason"];
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(applicationId, null);
        }

        var decided = await Suite.CallAsync(api => api.DecideAsync(applicationId, new DecisionDto(Decision == "approve", reason)));
        if (decided.Succeeded)
        {
            return Redirect($"/regulator/applications/{applicationId}?decided=1");
        }

        if (decided.Status is 401 or 403 or 404)
        {
            return Refusal(decided);
        }

        AddFieldErrors(decided.Problem, new Dictionary<string, string> { ["reason"] = "reason", ["approve"] = "decision" });
        if (Errors.Count == 0)
        {
            FormError = Explain(decided.Problem, decided.Status);
        }

        Response.StatusCode = decided.Status >= 500 ? StatusCodes.Status503ServiceUnavailable : decided.Status;
        return await OnGetAsync(applicationId, null);
    }
}

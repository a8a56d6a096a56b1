using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Business.Companies;

/// <summary>Dissolving a company: a confirmation page first, since it revokes every licence of the company.</summary>
public sealed class DissolveModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public CompanyDto Company { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string registrationNumber)
    {
        var company = await Suite.CallAsync(api => api.CompanyAsync(registrationNumber));
        if (!company.Succeeded)
        {
            return Refusal(company);
        }

        Company = company.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string registrationNumber)
    {
        var dissolved = await Suite.CallAsync(api => api.DissolveAsync(registrationNumber, new ReasonDto(string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim())));
        if (dissolved.Succeeded)
        {
            return Redirect($"/companies/{Uri.EscapeDataString(dissolved.Value!.RegistrationNumber)}");
        }

        if (dissolved.Status is 401 or 403 or 404)
        {
            return Refusal(dissolved);
        }

        AddFieldErrors(dissolved.Problem, new Dictionary<string, string> { ["reason"] = "reason" });
        if (Errors.Count == 0)
        {
            FormError = Explain(dissolved.Problem, dissolved.Status);
        }

        Response.StatusCode = dissolved.Status >= 500 ? StatusCodes.Status503ServiceUnavailable : dissolved.Status;
        return await OnGetAsync(registrationNumber);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Business.Licences;

/// <summary>Surrendering a licence for good, after a confirmation, with the reason (required by the API).</summary>
public sealed class SurrenderModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue) : PortalPage(suite, text)
{
    public const int ReasonMaxLength = 1000;

    public LicenceDto Licence { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string licenceNumber)
    {
        var licence = await Suite.CallAsync(api => api.LicenceAsync(licenceNumber));
        if (!licence.Succeeded)
        {
            return Refusal(licence);
        }

        Licence = licence.Value!;
        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string licenceNumber)
    {
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaxLength)
        {
            Errors["reason"] = Text["Surrender_Error_reason"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(licenceNumber);
        }

        var surrendered = await Suite.CallAsync(api => api.LicenceActionAsync(licenceNumber, "surrender", new ReasonDto(reason)));
        if (surrendered.Succeeded)
        {
            return Redirect($"/licences/{Uri.EscapeDataString(licenceNumber)}?done=surrender");
        }

        if (surrendered.Status is 401 or 403 or 404)
        {
            return Refusal(surrendered);
        }

        AddFieldErrors(surrendered.Problem, new Dictionary<string, string> { ["reason"] = "reason" });
        if (Errors.Count == 0)
        {
            FormError = Explain(surrendered.Problem, surrendered.Status);
        }

        Response.StatusCode = surrendered.Status >= 500 ? StatusCodes.Status503ServiceUnavailable : surrendered.Status;
        return await OnGetAsync(licenceNumber);
    }
}

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
        if (await ReadAsync(api => api.LicenceAsync(licenceNumber), licence => Licence = licence) is { } refusal)
        {
            return refusal;
        }

        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string licenceNumber)
    {
        if (RequiredText(Reason, ReasonMaxLength, "reason", "Surrender_Error_reason") is not { } reason)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(licenceNumber);
        }

        var surrendered = await Suite.CallAsync(api => api.LicenceActionAsync(licenceNumber, "surrender", new ReasonDto(reason)));
        if (surrendered.Succeeded)
        {
            return Redirect($"/licences/{Uri.EscapeDataString(licenceNumber)}?done=surrender");
        }

        return FormRefusal(surrendered, new Dictionary<string, string> { ["reason"] = "reason" }) ?? await OnGetAsync(licenceNumber);
    }
}

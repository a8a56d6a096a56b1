namespace Portal.Pages.Regulator.Licences;

/// <summary>A licence as a regulator sees it, with suspend, revoke and reinstate (each asks for a reason on its own page).</summary>
public sealed class DetailsModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public LicenceDto Licence { get; private set; } = null!;

    public CompanyDto? Company { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string licenceNumber, string? done)
    {
        if (await ReadAsync(api => api.LicenceAsync(licenceNumber), licence => Licence = licence) is { } refusal)
        {
            return refusal;
        }

        Company = (await Suite.CallAsync(api => api.CompanyAsync(Licence.RegistrationNumber))).Value;
        Types = await catalogue.LicenceTypesAsync();
        Done = done is "suspend" or "revoke" or "reinstate" ? done : null;
        return Page();
    }
}

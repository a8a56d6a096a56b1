namespace Portal.Pages.Public;

/// <summary>The licence-type catalogue for anyone: each type's fee, validity, whether it needs review, and who may apply.</summary>
public sealed class LicenceTypesModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        return await ReadAsync(api => api.LicenceTypesAsync(), types => Types = types) ?? Page();
    }
}

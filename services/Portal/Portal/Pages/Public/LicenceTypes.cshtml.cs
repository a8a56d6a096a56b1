using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Public;

/// <summary>The licence-type catalogue for anyone: each type's fee, validity, whether it needs review, and who may apply.</summary>
public sealed class LicenceTypesModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var types = await Suite.CallAsync(api => api.LicenceTypesAsync());
        if (!types.Succeeded)
        {
            return Refusal(types);
        }

        Types = types.Value!;
        return Page();
    }
}

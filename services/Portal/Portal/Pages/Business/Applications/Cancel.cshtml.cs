using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Business.Applications;

/// <summary>Cancelling an application before it is paid, after a confirmation.</summary>
public sealed class CancelModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue) : PortalPage(suite, text)
{
    public ApplicationDto Application { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid applicationId)
    {
        var application = await Suite.CallAsync(api => api.ApplicationAsync(applicationId));
        if (!application.Succeeded)
        {
            return Refusal(application);
        }

        Application = application.Value!;
        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid applicationId)
    {
        var cancelled = await Suite.CallAsync(api => api.CancelAsync(applicationId));
        if (cancelled.Succeeded)
        {
            return Redirect($"/applications/{applicationId}");
        }

        if (cancelled.Status is 401 or 403 or 404)
        {
            return Refusal(cancelled);
        }

        FormError = Explain(cancelled.Problem, cancelled.Status);
        Response.StatusCode = cancelled.Status >= 500 ? StatusCodes.Status503ServiceUnavailable : cancelled.Status;
        return await OnGetAsync(applicationId);
    }
}

namespace Portal.Pages.Business.Applications;

/// <summary>Cancelling an application before it is paid, after a confirmation.</summary>
public sealed class CancelModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue) : PortalPage(suite, text)
{
    public ApplicationDto Application { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid applicationId)
    {
        if (await ReadAsync(api => api.ApplicationAsync(applicationId), application => Application = application) is { } refusal)
        {
            return refusal;
        }

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

        return FormRefusal(cancelled) ?? await OnGetAsync(applicationId);
    }
}

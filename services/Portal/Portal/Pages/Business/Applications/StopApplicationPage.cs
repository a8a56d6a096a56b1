using Refit;

namespace Portal.Pages.Business.Applications;

/// <summary>
/// Stopping an application after a confirmation, by cancelling it (before payment) or withdrawing it (under review):
/// the page shows the application and asks; the answer goes to the API, whose refusal is shown in words.
/// </summary>
public abstract class StopApplicationPage(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public ApplicationDto Application { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>Whether the application's status still lets the business stop it this way.</summary>
    public abstract bool Allowed { get; }

    /// <summary>The page's words: the question, what follows, the two answers, and why it is no longer possible.</summary>
    public abstract StopTexts Texts { get; }

    protected abstract Task<IApiResponse<ApplicationDto>> StopAsync(ISuiteApi api, Guid applicationId);

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
        var stopped = await Suite.CallAsync(api => StopAsync(api, applicationId));
        if (stopped.Succeeded)
        {
            return Redirect($"/applications/{applicationId}");
        }

        return FormRefusal(stopped) ?? await OnGetAsync(applicationId);
    }
}

/// <summary>The words of a page that stops an application.</summary>
public sealed record StopTexts(string Title, string Heading, string Body, string Confirm, string Keep, string NotPossible);

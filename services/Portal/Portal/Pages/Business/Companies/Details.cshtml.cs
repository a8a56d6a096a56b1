namespace Portal.Pages.Business.Companies;

/// <summary>A company of the signed-in business: details, licences, applications and what happened to it.</summary>
public sealed class DetailsModel(SuiteClient suite, IStringLocalizer<SharedResource> text, BusinessOverview overview, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public CompanyDto Company { get; private set; } = null!;

    public IReadOnlyList<ApplicationDto> Applications { get; private set; } = [];

    /// <summary>The company's events from the business's feed, newest first (the registry's own history is for regulators).</summary>
    public IReadOnlyList<EventDto> History { get; private set; } = [];

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public IReadOnlyList<ActivityCodeDto> Activities { get; private set; } = [];

    public bool JustRegistered { get; private set; }

    /// <summary>Its details were just changed (after the change page's redirect).</summary>
    public bool Changed { get; private set; }

    /// <summary>Where its notices go was just changed (after the notices page's redirect).</summary>
    public bool NoticesChanged { get; private set; }

    public bool Incomplete { get; private set; }

    public async Task<IActionResult> OnGetAsync(string registrationNumber, int? registered, string? changed)
    {
        if (await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company) is { } refusal)
        {
            return refusal;
        }

        JustRegistered = registered == 1;
        Changed = changed == "1";
        NoticesChanged = changed == "notices";
        Types = await catalogue.LicenceTypesAsync();
        var codes = Company.ActivityCodes.ToHashSet();
        Activities = [.. (await catalogue.ActivityCodesAsync()).Where(a => codes.Contains(a.Code))];
        var (applications, appsComplete) = await overview.ApplicationsAsync(Company.RegistrationNumber);
        Applications = [.. applications.OrderByDescending(a => a.SubmittedAt)];
        var (events, eventsComplete) = await overview.EventsAsync(null);
        History = [.. events.Where(e => e.RegistrationNumber == Company.RegistrationNumber).OrderByDescending(e => e.OccurredAt)];
        Incomplete = !appsComplete || !eventsComplete;
        return Page();
    }
}

namespace Portal.Pages.Business.Applications;

/// <summary>
/// Applying for a licence: the company first, then the types its activities make it eligible for, with their
/// fees. Each form carries its own Idempotency-Key, so a double click (or a resent form) submits once.
/// </summary>
public sealed class NewModel(SuiteClient suite, IStringLocalizer<SharedResource> text, BusinessOverview overview, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public IReadOnlyList<CompanyDto> Companies { get; private set; } = [];

    public CompanyDto? Company { get; private set; }

    public IReadOnlyList<LicenceTypeDto> EligibleTypes { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "company")]
    public string? RegistrationNumber { get; set; }

    [BindProperty]
    public string? LicenceType { get; set; }

    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(RegistrationNumber) || string.IsNullOrWhiteSpace(LicenceType))
        {
            Errors[string.IsNullOrWhiteSpace(RegistrationNumber) ? "company" : "licenceType"] =
                Text[string.IsNullOrWhiteSpace(RegistrationNumber) ? "Error_company" : "Error_licenceType"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        var key = Guid.TryParseExact(IdempotencyKey, "N", out _) ? IdempotencyKey : Guid.NewGuid().ToString("N");
        var applied = await Suite.CallAsync(api => api.ApplyAsync(new ApplyDto(RegistrationNumber, LicenceType), key));
        if (applied.Succeeded)
        {
            return Redirect($"/applications/{applied.Value!.ApplicationId}");
        }

        if (applied.Status is 401 or 403)
        {
            return Refusal(applied);
        }

        // A 404 here is the company (not the page): said on the form like a field error.
        ShowProblem(applied, new Dictionary<string, string>
        {
            ["registrationNumber"] = "company",
            ["licenceType"] = "licenceType",
        });

        // A fresh key: what was refused may be changed and sent again as a new request.
        IdempotencyKey = Guid.NewGuid().ToString("N");
        ModelState.Remove(nameof(IdempotencyKey));
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var (companies, _) = await overview.CompaniesAsync();
        Companies = [.. companies.Where(c => c.Status == "Active")];
        if (string.IsNullOrWhiteSpace(RegistrationNumber) && Companies.Count == 1)
        {
            RegistrationNumber = Companies[0].RegistrationNumber;
        }

        if (!string.IsNullOrWhiteSpace(RegistrationNumber))
        {
            if (await ReadAsync(api => api.CompanyAsync(RegistrationNumber), company => Company = company) is { } refusal)
            {
                return refusal;
            }

            var activities = Company!.ActivityCodes.ToHashSet();
            EligibleTypes = [.. (await catalogue.LicenceTypesAsync())
                .Where(t => t.EligibleActivityCodes.Count == 0 || t.EligibleActivityCodes.Any(activities.Contains))
                .OrderBy(t => t.Fee)];
        }

        return Page();
    }
}

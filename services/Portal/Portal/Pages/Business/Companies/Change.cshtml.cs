using Portal.Pages.Shared;

namespace Portal.Pages.Business.Companies;

/// <summary>
/// Changing a company's details (legal name, address, activities with the registration's picker): only what changed is
/// sent (<c>PATCH /api/companies/{n}</c>, merge-patch), and every refusal comes back next to its field from the
/// problem's <c>errors</c>. Only an active company can change.
/// </summary>
public sealed class ChangeModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue) : PortalPage(suite, text)
{
    public CompanyDto Company { get; private set; } = null!;

    [BindProperty]
    public CompanyDetailsForm Form { get; set; } = new();

    public ActivityPicker Activities { get; private set; } = ActivityPicker.Empty;

    public string Here => $"/companies/{Uri.EscapeDataString(Company.RegistrationNumber)}";

    public async Task<IActionResult> OnGetAsync(string registrationNumber)
    {
        if (await LoadAsync(registrationNumber) is { } refused)
        {
            return refused;
        }

        Form = CompanyDetailsForm.From(Company);
        await ShowActivitiesAsync(search: false);
        return Page();
    }

    /// <summary>The picker's Search button without script: the same form again, with the matching classes.</summary>
    public async Task<IActionResult> OnPostSearchAsync(string registrationNumber)
    {
        if (await LoadAsync(registrationNumber) is { } refused)
        {
            return refused;
        }

        await ShowActivitiesAsync(search: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string registrationNumber)
    {
        if (await LoadAsync(registrationNumber) is { } refused)
        {
            return refused;
        }

        if (Form.Changes(Company) is not { } changes)
        {
            return Redirect(Here);
        }

        var amended = await Suite.CallAsync(api => api.AmendCompanyAsync(registrationNumber, changes));
        if (amended.Succeeded)
        {
            return Redirect($"{Here}?changed=1");
        }

        if (amended.Slug == "duplicate-name")
        {
            Errors["legalName"] = Text["Problem_duplicate-name"];
        }

        if (FormRefusal(amended, CompanyForm.ApiFields) is { } refusal)
        {
            return refusal;
        }

        await ShowActivitiesAsync(search: false);
        return Page();
    }

    private async Task ShowActivitiesAsync(bool search) =>
        Activities = await ActivityPicker.ShowAsync(catalogue, Form.ActivityCodes, Form.ActivitySearch, search);

    private async Task<IActionResult?> LoadAsync(string registrationNumber)
    {
        if (await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company) is { } refusal)
        {
            return refusal;
        }

        return null;
    }
}

namespace Portal.Pages.Business;

public sealed class DashboardModel(SuiteClient suite, IStringLocalizer<SharedResource> text, BusinessOverview overview, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public Overview Overview { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public string CompanyName(string registrationNumber) =>
        Overview.Companies.FirstOrDefault(c => c.RegistrationNumber == registrationNumber)?.LegalName ?? registrationNumber;

    public async Task OnGetAsync()
    {
        Overview = await overview.LoadAsync();
        Types = await catalogue.LicenceTypesAsync();
    }
}

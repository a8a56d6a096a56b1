using Portal.Localisation;

namespace Portal.Pages.Business.Companies;

/// <summary>
/// Where a company's notice mails go and in which language (<c>PATCH /api/companies/{n}</c> with <c>contactEmail</c>
/// and <c>preferredLanguage</c>). The API keeps both private, so the page cannot show them: it offers to keep, replace
/// or remove the address and to keep or change the language. Only an active company can change.
/// </summary>
public sealed class NoticesModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public const int EmailMaxLength = 254;

    private static readonly IReadOnlyDictionary<string, string> ApiFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["contactEmail"] = "newEmail",
        ["preferredLanguage"] = "preferredLanguage",
    };

    public CompanyDto Company { get; private set; } = null!;

    [BindProperty]
    public string? Address { get; set; } = NoticeChoice.Keep;

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? PreferredLanguage { get; set; }

    public string Here => $"/companies/{Uri.EscapeDataString(Company.RegistrationNumber)}";


    public async Task<IActionResult> OnGetAsync(string registrationNumber) =>
        await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company) ?? Page();

    public async Task<IActionResult> OnPostAsync(string registrationNumber)
    {
        if (await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company) is { } refusal)
        {
            return refusal;
        }

        if (Address == NoticeChoice.NewAddress && RequiredText(NewEmail, EmailMaxLength, "newEmail", "Notices_Error_newEmail") is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!string.IsNullOrEmpty(PreferredLanguage) && !LocalisationSetup.Languages.Contains(PreferredLanguage))
        {
            Errors["preferredLanguage"] = Text["Error_preferredLanguage"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (NoticeChoice.Patch(Address, NewEmail, PreferredLanguage) is not { } patch)
        {
            return Redirect(Here);
        }

        var amended = await Suite.CallAsync(api => api.AmendContactAsync(registrationNumber, patch));
        if (amended.Succeeded)
        {
            return Redirect($"{Here}?changed=notices");
        }

        return FormRefusal(amended, ApiFields) ?? Page();
    }
}

namespace Portal.Pages.Business.Companies;

/// <summary>Dissolving a company: a confirmation page first, since it revokes every licence of the company.</summary>
public sealed class DissolveModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public CompanyDto Company { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string registrationNumber)
    {
        return await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string registrationNumber)
    {
        var dissolved = await Suite.CallAsync(api => api.DissolveAsync(registrationNumber, new ReasonDto(string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim())));
        if (dissolved.Succeeded)
        {
            return Redirect($"/companies/{Uri.EscapeDataString(dissolved.Value!.RegistrationNumber)}");
        }

        return FormRefusal(dissolved, new Dictionary<string, string> { ["reason"] = "reason" }) ?? await OnGetAsync(registrationNumber);
    }
}

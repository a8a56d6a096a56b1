using System.Globalization;
using Portal.Pages.Shared;

namespace Portal.Pages.Business.Companies;

/// <summary>
/// Registering a company. Without script the activity search is a second submit button that shows matching
/// classes as checkboxes and keeps everything typed; with script the same results appear as one types.
/// </summary>
public sealed class RegisterModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    [BindProperty]
    public RegistrationForm Form { get; set; } = new();

    public ActivityPicker Activities { get; private set; } = ActivityPicker.Empty;

    public void OnGet()
    {
        Form.PreferredLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    }

    public async Task<IActionResult> OnPostSearchAsync()
    {
        await ShowActivitiesAsync(search: true);
        return Page();
    }

    /// <summary>The live search's fragment: the matching classes not yet chosen.</summary>
    public async Task<IActionResult> OnGetActivitiesAsync(string? q, [FromQuery(Name = "selected")] List<string>? selected)
    {
        Form.ActivityCodes = selected ?? [];
        Form.ActivitySearch = q;
        await ShowActivitiesAsync(search: true);
        return Partial("_ActivityResults", Activities);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Suite.CallAsync(api => api.RegisterCompanyAsync(Form.ToRequest()));
        if (result.Succeeded)
        {
            return Redirect($"/companies/{Uri.EscapeDataString(result.Value!.RegistrationNumber)}?registered=1");
        }

        if (result.Status is 400 or 409 && result.Problem is { } problem)
        {
            AddFieldErrors(problem, CompanyForm.ApiFields);
            if (Errors.Count == 0)
            {
                FormError = Explain(problem, result.Status);
            }
        }
        else if (result.Status is 401 or 403)
        {
            return Refusal(result);
        }
        else
        {
            FormError = Explain(result.Problem, result.Status);
        }

        Response.StatusCode = result.Status is >= 500 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        await ShowActivitiesAsync(search: false);
        return Page();
    }

    private async Task ShowActivitiesAsync(bool search) =>
        Activities = await ActivityPicker.ShowAsync(catalogue, Form.ActivityCodes, Form.ActivitySearch, search);
}

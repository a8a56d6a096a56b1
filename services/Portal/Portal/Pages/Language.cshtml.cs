using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Localisation;

namespace Portal.Pages;

/// <summary>The language switch: remembers the choice in the culture cookie and returns to the same page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && LocalisationSetup.Languages.Contains(language))
        {
            LocalisationSetup.Remember(Response, language);
        }

        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages;

/// <summary>The start page: what the service does and the way in; a signed-in person goes straight to their page.</summary>
public sealed class IndexModel : PageModel
{
    public bool SignInFailed { get; private set; }

    public IActionResult OnGet(string? signin)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(HomeOf(User));
        }

        SignInFailed = signin == "failed";
        return Page();
    }

    /// <summary>Where a person lands after sign-in: businesses on their dashboard, regulators on the registry search.</summary>
    public static string HomeOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(AuthPolicies.Business) ? "/dashboard"
        : user.IsInRole(AuthPolicies.Regulator) ? "/regulator/companies"
        : "/account/signed-in";
}

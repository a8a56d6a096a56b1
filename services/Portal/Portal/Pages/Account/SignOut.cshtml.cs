using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Account;

/// <summary>Signs out here and at the provider (a POST with antiforgery, so no link can sign a person out).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : LocalRedirect("/");

    public IActionResult OnPost() => User.Identity?.IsAuthenticated == true
        ? SignOut(new AuthenticationProperties { RedirectUri = "/" },
            CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme)
        : LocalRedirect("/");
}

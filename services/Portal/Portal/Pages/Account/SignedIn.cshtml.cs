using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Account;

/// <summary>Home of a signed-in person whose role has no pages yet (regulators, until their pages are built).</summary>
[Authorize]
public sealed class SignedInModel : PageModel
{
    public void OnGet()
    {
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages.Business.Licences;

/// <summary>The licence on a page of its own, without navigation, laid out for paper (the print style sheet).</summary>
public sealed class PrintModel(DetailsModel details) : PageModel
{
    public DetailsModel Details => details;

    public async Task<IActionResult> OnGetAsync(string licenceNumber)
    {
        details.PageContext = PageContext;
        return await details.LoadAsync(licenceNumber) ?? Page();
    }
}

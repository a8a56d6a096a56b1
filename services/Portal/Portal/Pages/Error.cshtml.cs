using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Pages;

/// <summary>
/// Every error status as a page in the person's language: what happened in plain words, never a stack or JSON.
/// Reached by re-execution (status code pages, the exception handler), so it answers any method.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && failure is null)
        {
            // Asked for directly (not re-executed): answer with the status the page describes.
            Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        }
        else if (Unreachable(failure?.Error))
        {
            // The identity provider (sign-in) or another service could not be reached: unavailable, not broken.
            code = Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        var kind = code switch
        {
            401 => "401",
            403 => "403",
            404 or 410 => "404",
            >= 500 and < 600 when code != 500 => "503",
            500 => "500",
            _ => "400",
        };
        Title = text["Error_" + kind + "_Title"];
        Body = text["Error_" + kind + "_Body"];
        return Page();
    }

    private static bool Unreachable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }
}

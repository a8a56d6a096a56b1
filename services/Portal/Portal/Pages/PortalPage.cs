using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages;

/// <summary>
/// What every page model shares: the API client, the words, and one way of answering when the API refuses:
/// 403/404 become the same status here with a plain-words page, 401 asks the person to sign in again, and an
/// API that is down becomes "service unavailable". Field errors are collected for the form's error summary.
/// </summary>
public abstract class PortalPage(SuiteClient suite, IStringLocalizer<SharedResource> text) : PageModel
{
    protected SuiteClient Suite => suite;

    protected IStringLocalizer<SharedResource> Text => text;

    /// <summary>Field id -> message, in the order the form shows the fields (the summary links to each).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>A message about the whole form (a conflict, a refusal) shown at the top of the summary.</summary>
    public string? FormError { get; protected set; }

    public bool HasErrors => Errors.Count > 0 || FormError is not null;

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The page's answer to a failed call that is not about a form field.</summary>
    protected IActionResult Refusal<T>(ApiResult<T> result) => result.Status switch
    {
        401 => Challenge(new AuthenticationProperties { RedirectUri = Request.Path + Request.QueryString }),
        403 or 404 => StatusCode(result.Status),
        >= 500 => StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ => StatusCode(result.Status),
    };

    /// <summary>The API's field errors put next to this form's fields, in words from the resources.</summary>
    protected void AddFieldErrors(ApiProblem? problem, IReadOnlyDictionary<string, string> apiFieldToFormField)
    {
        foreach (var (apiField, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
        {
            var field = apiFieldToFormField.GetValueOrDefault(apiField) ?? apiFieldToFormField.GetValueOrDefault(apiField.Split('[')[0]);
            if (field is null)
            {
                FormError ??= Text["Error_Unexpected"];
                continue;
            }

            var word = text["Error_" + field];
            Errors.TryAdd(field, word.ResourceNotFound ? string.Join(" ", messages) : word.Value);
        }
    }

    /// <summary>A problem without field errors (a conflict, a refusal) in words: its slug's resource, else the status's.</summary>
    protected string Explain(ApiProblem? problem, int status)
    {
        if (problem?.Slug is { } slug && text["Problem_" + slug] is { ResourceNotFound: false } known)
        {
            return known.Value;
        }

        return text[status switch
        {
            403 or 404 => "Problem_not-found",
            409 => "Problem_conflict",
            >= 500 => "Problem_unavailable",
            _ => "Error_Unexpected",
        }];
    }

    /// <summary>A local path only, so a crafted link cannot send a person elsewhere after sign-in or a language change.</summary>
    protected string SafeReturnUrl(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : fallback;
}

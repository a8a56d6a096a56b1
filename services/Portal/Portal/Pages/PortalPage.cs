using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Localisation;
using Refit;

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

    /// <summary>The languages the suite writes in (the portal, the notice mails), each named in this page's language.</summary>
    public IReadOnlyList<(string Code, string Name)> Languages =>
        [.. LocalisationSetup.Languages.Select(l => (l, Text["LanguageName_" + l].Value))];

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

    /// <summary>
    /// Reads what the page is about and hands it to <paramref name="use"/>; null when read, else the page's answer to
    /// the API's refusal (see <see cref="Refusal"/>).
    /// </summary>
    protected async Task<IActionResult?> ReadAsync<T>(Func<ISuiteApi, Task<IApiResponse<T>>> call, Action<T> use)
    {
        var result = await Suite.CallAsync(call);
        if (!result.Succeeded)
        {
            return Refusal(result);
        }

        use(result.Value!);
        return null;
    }

    /// <summary>
    /// A required free-text field as the API takes it: trimmed, not empty, at most <paramref name="maxLength"/>
    /// characters. Null, with the field's message for the error summary, when it is not.
    /// </summary>
    protected string? RequiredText(string? value, int maxLength, string field, string messageKey)
    {
        var trimmed = value?.Trim();
        if (!string.IsNullOrEmpty(trimmed) && trimmed.Length <= maxLength)
        {
            return trimmed;
        }

        Errors[field] = Text[messageKey];
        return null;
    }

    /// <summary>
    /// A form post the API refused: 401/403/404 get the page's usual answer (returned); anything else is shown on the
    /// form (null returned: the page shows the form again) as <see cref="ShowProblem"/> does.
    /// </summary>
    protected IActionResult? FormRefusal<T>(ApiResult<T> result, IReadOnlyDictionary<string, string>? apiFieldToFormField = null)
    {
        if (result.Status is 401 or 403 or 404)
        {
            return Refusal(result);
        }

        ShowProblem(result, apiFieldToFormField);
        return null;
    }

    /// <summary>
    /// A refusal shown on the form: the API's field errors next to the form's fields when the form has any (a form
    /// without fields says no field errors), else the problem in words at the top; the page answers with the API's
    /// status (503 when the API is down).
    /// </summary>
    protected void ShowProblem<T>(ApiResult<T> result, IReadOnlyDictionary<string, string>? apiFieldToFormField = null)
    {
        if (apiFieldToFormField is not null)
        {
            AddFieldErrors(result.Problem, apiFieldToFormField);
        }

        if (Errors.Count == 0)
        {
            FormError = Explain(result.Problem, result.Status);
        }

        AnswerWith(result.Status);
    }

    /// <summary>The page's status for a form shown again after the API answered <paramref name="apiStatus"/>.</summary>
    protected void AnswerWith(int apiStatus) =>
        Response.StatusCode = apiStatus >= 500 ? StatusCodes.Status503ServiceUnavailable : apiStatus;

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

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LicenceApplications.Api.Applications;

/// <summary>The review of a paid application: decisions (also on appeals), questions and answers, appeals.</summary>
public static class ReviewApi
{
    private const int MaxTextLength = 1000;
    private const int MaxDocumentIds = ApplicationDocument.MaxPerApplication;

    public static RouteGroupBuilder MapReviewApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{applicationId:guid}/decision", DecideAsync).RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{applicationId:guid}/information-requests", RequestInformationAsync).RequireAuthorization(AuthPolicies.Regulator);
        group.MapPost("/{applicationId:guid}/information-responses", ProvideInformationAsync).RequireAuthorization(AuthPolicies.Business);
        group.MapPost("/{applicationId:guid}/appeal", AppealAsync).RequireAuthorization(AuthPolicies.Business);
        return group;
    }

    /// <summary>On an application under appeal: approve upholds the appeal (issued), reject dismisses it (rejected for good).</summary>
    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> DecideAsync(
        Guid applicationId, DecisionRequest request, ClaimsPrincipal user, ApplicationCommands applications,
        ApplicationDecisions decisions, TimeProvider time, CancellationToken ct)
    {
        if (request.Approve is not { } approve)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["approve"] = ["approve (true or false) is required."] });
        }

        if (!approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["A rejection needs a reason."] });
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Reason is not null)
        {
            CheckText("reason", request.Reason, errors);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ApplicationsApi.Answer(await applications.RunInTransactionAsync(applicationId, _ => true,
            application => decisions.DecideAsync(application, approve, request.Reason?.Trim(), user.GetSubject()!, ct), ct), time);
    }

    private static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> RequestInformationAsync(
        Guid applicationId, MessageRequest request, ClaimsPrincipal user, ApplicationCommands applications, TimeProvider time,
        CancellationToken ct) =>
        WithTextAsync("message", request.Message, time, message => applications.RunAsync(applicationId, _ => true,
            application => applications.RequestInformationAsync(application, message, user.GetSubject()!, ct), ct));

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> ProvideInformationAsync(
        Guid applicationId, InformationResponseRequest request, ClaimsPrincipal user, ApplicationCommands applications,
        TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckText("message", request.Message, errors);
        var documentIds = (request.DocumentIds ?? []).Distinct().ToList();
        if (documentIds.Count > MaxDocumentIds)
        {
            errors["documentIds"] = [$"At most {MaxDocumentIds} documents."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ApplicationsApi.Answer(await applications.RunAsync(applicationId, a => a.OwnerSubject == user.GetSubject(),
            application => applications.ProvideInformationAsync(application, request.Message!.Trim(), documentIds, ct), ct), time);
    }

    private static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> AppealAsync(
        Guid applicationId, AppealRequest request, ClaimsPrincipal user, ApplicationCommands applications, TimeProvider time,
        CancellationToken ct) =>
        WithTextAsync("grounds", request.Grounds, time, grounds => applications.RunAsync(applicationId,
            a => a.OwnerSubject == user.GetSubject(), application => applications.AppealAsync(application, grounds, ct), ct));

    /// <summary>A command whose one input is a required text: 400 if the text is not acceptable, else the command's answer.</summary>
    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> WithTextAsync(
        string field, string? text, TimeProvider time, Func<string, Task<Outcome<LicenceApplication>>> run)
    {
        var errors = new Dictionary<string, string[]>();
        CheckText(field, text, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : ApplicationsApi.Answer(await run(text!.Trim()), time);
    }

    /// <summary>Required free text a person reads: at most 1000 characters, line breaks and tabs but no other control characters.</summary>
    internal static void CheckText(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (text.Trim().Length > MaxTextLength)
        {
            errors[field] = [$"{field} is at most {MaxTextLength} characters."];
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors[field] = ["Control characters are not allowed."];
        }
    }
}

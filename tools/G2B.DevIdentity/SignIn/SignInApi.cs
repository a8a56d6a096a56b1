using System.Globalization;
using System.Security.Claims;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace G2B.DevIdentity;

/// <summary>
/// The endpoints OpenIddict passes through once it has validated the request: the sign-in page behind
/// authorize, end-session and userinfo. Errors it could not send back to a verified redirect URI arrive here
/// too (error passthrough) and leave as problem+json.
/// </summary>
public static class SignInApi
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    // Fields of the sign-in forms themselves, never parameters of the authorization request.
    private static readonly HashSet<string> FormFields = new(StringComparer.Ordinal) { "person", "name", "role", "__RequestVerificationToken" };

    public static void MapSignInApi(this IEndpointRouteBuilder dev)
    {
        dev.MapGet("/" + DevIdentityPaths.Authorize, ShowSignIn);
        dev.MapPost("/" + DevIdentityPaths.Authorize, SignIn);
        dev.MapMethods("/" + DevIdentityPaths.EndSession, [HttpMethods.Get, HttpMethods.Post], EndSession);
        dev.MapMethods("/" + DevIdentityPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfo);
    }

    private static IResult ShowSignIn(HttpContext context, IOptionsMonitor<DevIdentityOptions> options)
    {
        if (Rejected(context) is { } problem)
        {
            return problem;
        }

        var request = context.GetOpenIddictServerRequest()!;
        if (request.HasPromptValue(PromptValues.None))
        {
            // No session is kept here: every sign-in is a fresh choice, so a silent one cannot succeed.
            return Results.Forbid(ErrorProperties(Errors.LoginRequired, "The development sign-in always asks who you are."), [Scheme]);
        }

        return Page(context, request, options.CurrentValue, request.LoginHint ?? string.Empty, null, new HashSet<string>());
    }

    private static IResult SignIn(
        HttpContext context, IOptionsMonitor<DevIdentityOptions> options,
        [FromForm] string? person, [FromForm] string? name, [FromForm] string? role)
    {
        if (Rejected(context) is { } problem)
        {
            return problem;
        }

        var request = context.GetOpenIddictServerRequest()!;
        var errors = new HashSet<string>();
        Person? who;
        if (person == "typed")
        {
            var normalised = People.NormaliseName(name);
            if (normalised is null)
            {
                errors.Add(SignInModel.NameInvalid);
            }

            if (role is null || !People.Roles.Contains(role))
            {
                errors.Add(SignInModel.RoleInvalid);
            }

            who = errors.Count == 0 ? People.Typed(normalised!, role!) : null;
        }
        else
        {
            who = People.FindDemo(person);
            if (who is null)
            {
                errors.Add(SignInModel.PersonUnknown);
            }
        }

        return who is null
            ? Page(context, request, options.CurrentValue, name ?? string.Empty, role, errors)
            : Results.SignIn(Principal(who, request, options.CurrentValue), authenticationScheme: Scheme);
    }

    private static IResult EndSession(HttpContext context)
    {
        if (Rejected(context) is { } problem)
        {
            return problem;
        }

        // Nothing to forget (no session is kept); OpenIddict sends the browser to the verified
        // post_logout_redirect_uri with its state, or this page says where the user stands.
        return string.IsNullOrEmpty(context.GetOpenIddictServerRequest()!.PostLogoutRedirectUri)
            ? new RazorComponentResult<SignedOutPage>()
            : Results.SignOut(authenticationSchemes: [Scheme]);
    }

    private static async Task<IResult> UserInfo(HttpContext context)
    {
        if (Rejected(context) is { } problem)
        {
            return problem;
        }

        // OpenIddict has validated the access token before passing the request through.
        var principal = (await context.AuthenticateAsync(Scheme)).Principal!;
        var claims = new Dictionary<string, object?>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.Name] = principal.GetClaim(Claims.Name),
            [Claims.Role] = principal.GetClaims(Claims.Role) is [var single] ? single : principal.GetClaims(Claims.Role),
        };
        return TypedResults.Ok(claims);
    }

    private static ClaimsPrincipal Principal(Person person, OpenIddictRequest request, DevIdentityOptions options)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim(Claims.Name, person.Name)
            .SetClaims(Claims.Role, [person.Role]);
        // OpenIddict has already refused any scope it does not know.
        var scopes = request.GetScopes();
        identity.SetScopes(scopes);
        if (scopes.Contains(options.Audience!))
        {
            identity.SetResources(options.Audience!);
        }

        // The id_token carries sub, name and role as docs/identity.md promises, whatever profile/roles say.
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    private static RazorComponentResult Page(
        HttpContext context, OpenIddictRequest request, DevIdentityOptions options,
        string typedName, string? typedRole, IReadOnlySet<string> errors)
    {
        var hidden = request.GetParameters()
            .Where(p => !FormFields.Contains(p.Key))
            .Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty))
            .Where(p => p.Value.Length > 0)
            .ToList();
        var action = context.Request.PathBase + context.Request.Path;
        var current = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var languages = CultureSelection.Supported.Select(culture => new LanguageLink(
            culture.Name,
            CultureSelection.NativeName(culture),
            action + QueryString.Create(hidden.Where(p => p.Key != Parameters.UiLocales)
                .Append(new(Parameters.UiLocales, culture.Name)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))),
            culture.Name == current)).ToList();
        options.Clients.TryGetValue(request.ClientId ?? string.Empty, out var client);

        var model = new SignInModel(action, hidden, client?.DisplayName, languages, typedName, typedRole, errors);
        return new RazorComponentResult<SignInPage>(new { Model = model })
        {
            StatusCode = errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>An error OpenIddict passed through, as problem+json with the status and OAuth error it chose.</summary>
    private static ProblemHttpResult? Rejected(HttpContext context)
    {
        if (context.GetOpenIddictServerResponse() is not { Error: { } error } response)
        {
            return null;
        }

        var status = context.Response.StatusCode is >= 400 and < 500 ? context.Response.StatusCode : StatusCodes.Status400BadRequest;
        var problem = Problems.Create(status, Problems.SlugForStatus(status), "The sign-in request was refused.",
            response.ErrorDescription ?? error);
        problem.ProblemDetails.Extensions["error"] = error;
        return problem;
    }

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
}

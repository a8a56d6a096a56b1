using Microsoft.Extensions.Options;
using Portal.Auth;

namespace Portal.Security;

/// <summary>
/// Every answer: a Content-Security-Policy that allows scripts, styles and images from the portal itself only
/// (no inline script or style anywhere), forms posted only to the portal and the identity provider (sign-out
/// redirects there), and no framing.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptionsMonitor<SignInOptions> signIn)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(signIn.CurrentValue.AuthorityOrigin);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    internal static string Policy(string? authorityOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
        + $"form-action 'self'{(authorityOrigin is null ? "" : " " + authorityOrigin)}; "
        + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
}

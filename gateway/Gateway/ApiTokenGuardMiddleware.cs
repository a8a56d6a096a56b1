using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Gateway;

/// <summary>
/// Defence in depth: a request under /api that carries an Authorization header must carry a valid token.
/// Anonymous requests pass; the services decide per endpoint (bank routes use HMAC, not JWT).
/// </summary>
public sealed class ApiTokenGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && context.Request.Headers.ContainsKey(HeaderNames.Authorization)
            && context.User.Identity?.IsAuthenticated != true)
        {
            // The bearer handler's challenge sets 401 + WWW-Authenticate; status code pages add the problem body.
            await context.ChallengeAsync();
            return;
        }

        await next(context);
    }
}

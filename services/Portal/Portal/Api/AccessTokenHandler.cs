using System.Globalization;
using System.Net.Http.Headers;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;

namespace Portal.Api;

/// <summary>
/// Puts the signed-in person's access token (kept in the auth cookie, read on the server) on each API call,
/// with the page's correlation id and language, so the API acts as that person and its logs join the portal's.
/// </summary>
internal sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context)
        {
            if (context.User.Identity?.IsAuthenticated == true && await context.GetTokenAsync("access_token") is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (context.GetCorrelationId() is { } correlationId)
            {
                request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, correlationId);
            }
        }

        if (CultureInfo.CurrentUICulture.Name is { Length: > 0 } language)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace LicenceApplications.Api.Clients;

/// <summary>
/// Passes the incoming request's bearer token on to the registry, so the registry answers as it would
/// answer the caller: the company if the caller owns it, 403 or 404 otherwise.
/// </summary>
internal sealed class ForwardedBearerTokenHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = httpContextAccessor.HttpContext?.Request.Headers[HeaderNames.Authorization].ToString();
        if (!string.IsNullOrEmpty(header) && AuthenticationHeaderValue.TryParse(header, out var value))
        {
            request.Headers.Authorization = value;
        }

        return base.SendAsync(request, cancellationToken);
    }
}

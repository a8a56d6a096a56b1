using System.Text;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Gateway;

/// <summary>
/// Kestrel decodes request header bytes as UTF-8, but the proxy's HttpClient refuses to send any header value
/// that is not ASCII, so such a request used to fail inside YARP as a 502. It is refused here instead, with
/// the answer the contract names: 401 when the header carries credentials (a bank's code or signature, a
/// bearer token), 400 for any other header.
/// </summary>
public sealed class HeaderGuardMiddleware(RequestDelegate next)
{
    private static readonly HashSet<string> BankCredentialHeaders =
        new(StringComparer.OrdinalIgnoreCase) { "X-Bank-Code", "X-Bank-Signature" };

    public async Task InvokeAsync(HttpContext context)
    {
        var offending = FirstNonAsciiHeader(context.Request.Headers);
        if (offending is null)
        {
            await next(context);
            return;
        }

        if (offending.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase))
        {
            // Same as any unreadable token: the bearer challenge, with the problem body from status code pages.
            await context.ChallengeAsync();
            return;
        }

        var problem = BankCredentialHeaders.Contains(offending)
            // Like every other bank signature failure: no hint which part failed.
            ? Problems.Unauthorized()
            : Problems.Validation(
                new Dictionary<string, string[]> { [offending] = ["Header values must be ASCII."] },
                $"The {offending} header contains a character outside ASCII.");
        await problem.ExecuteAsync(context);
    }

    private static string? FirstNonAsciiHeader(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // Vectorised and allocation-free: this runs over every header of every request.
                if (value is not null && !Ascii.IsValid(value))
                {
                    return name;
                }
            }
        }

        return null;
    }
}

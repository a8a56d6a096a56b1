using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.Auth;

/// <summary>
/// Keeps the access token in the cookie usable: shortly before it expires it is exchanged with the refresh token
/// at the provider's token endpoint and the cookie is rewritten. When that is refused (revoked, expired session)
/// the person is signed out here and signs in again on the next page.
/// </summary>
internal sealed class TokenRefresher(
    IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time, ILogger<TokenRefresher> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)
            || expiry - time.GetUtcNow() > Margin)
        {
            return;
        }

        var (refreshed, refused) = await RefreshAsync(context.Properties.GetTokenValue("refresh_token"), context.HttpContext.RequestAborted);
        if (refreshed is null && !refused && expiry > time.GetUtcNow())
        {
            // The provider is unreachable but the token still works for a moment: try again on the next request.
            return;
        }

        if (refreshed is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var tokens = context.Properties.GetTokens().ToDictionary(t => t.Name, t => t.Value);
        tokens["access_token"] = refreshed.AccessToken;
        if (!string.IsNullOrEmpty(refreshed.RefreshToken))
        {
            tokens["refresh_token"] = refreshed.RefreshToken;
        }

        if (!string.IsNullOrEmpty(refreshed.IdToken))
        {
            tokens["id_token"] = refreshed.IdToken;
        }

        var lifetime = int.TryParse(refreshed.ExpiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 300;
        tokens["expires_at"] = time.GetUtcNow().AddSeconds(lifetime).ToString("o", CultureInfo.InvariantCulture);
        context.Properties.StoreTokens(tokens.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
        context.ShouldRenew = true;
    }

    /// <summary>The new tokens, or null with <c>Refused</c> true when the provider said no (or there is nothing to refresh with).</summary>
    private async Task<(OpenIdConnectMessage? Tokens, bool Refused)> RefreshAsync(string? refreshToken, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return (null, true);
        }

        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = options.ClientId!,
                    ["client_secret"] = options.ClientSecret!,
                }), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var message = body.TrimStart().StartsWith('{') ? new OpenIdConnectMessage(body) : new OpenIdConnectMessage();
            if (response.IsSuccessStatusCode && !string.IsNullOrEmpty(message.AccessToken))
            {
                return (message, false);
            }

            logger.LogInformation("The provider refused to refresh a session ({Status} {Error}); signing the person out.",
                (int)response.StatusCode, message.Error);
            return (null, (int)response.StatusCode is >= 400 and < 500);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "The token endpoint could not be reached to refresh a session.");
            return (null, false);
        }
    }
}

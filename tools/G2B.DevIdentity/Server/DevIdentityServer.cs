using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace G2B.DevIdentity;

/// <summary>
/// OpenIddict's server in degraded mode: no database; clients come from configuration and are checked by
/// <see cref="ClientChecks"/>, values OpenIddict leaves alone by <see cref="AuthorizationValueChecks"/>, authorization codes are single-use through <see cref="RedeemedCodes"/>.
/// </summary>
public static class DevIdentityServer
{
    public static Uri IssuerUri(DevIdentityOptions options) =>
        Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
            ? issuer
            : throw new InvalidOperationException($"{DevIdentityOptions.Section}:Issuer must be an absolute URI (got '{options.Issuer}').");

    public static IServiceCollection AddDevIdentityServer(this IServiceCollection services)
    {
        services.AddSingleton<RedeemedCodes>();
        services.AddOpenIddict().AddServer(server =>
        {
            // OpenIddict matches these against the request path: relative, without a leading slash.
            server.SetConfigurationEndpointUris(Relative(DevIdentityPaths.Configuration))
                .SetJsonWebKeySetEndpointUris(Relative(DevIdentityPaths.Jwks))
                .SetAuthorizationEndpointUris(Relative(DevIdentityPaths.Authorize))
                .SetTokenEndpointUris(Relative(DevIdentityPaths.Token))
                .SetEndSessionEndpointUris(Relative(DevIdentityPaths.EndSession))
                .SetUserInfoEndpointUris(Relative(DevIdentityPaths.UserInfo));

            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
            server.RegisterClaims(Claims.Subject, Claims.Name, Claims.Role);
            // The services validate access tokens as plain signed JWTs through the JWKS, like any provider's.
            server.DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            ClientChecks.Register(server);
            AuthorizationValueChecks.Register(server);
            RedeemedCodes.Register(server);
            IssuerRelativeDiscovery.Register(server);

            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                // Errors that cannot go back to a verified redirect URI reach SignInApi, which answers problem+json.
                .EnableErrorPassthrough()
                // Local runs are plain HTTP on loopback, and this provider is never deployed.
                .DisableTransportSecurityRequirement();
        });

        // What depends on configuration and the keys is read when the options are first used, so a test host
        // may settle its address (hence the issuer) after it was built.
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<DevKeys, IOptions<DevIdentityOptions>>((server, keys, options) =>
            {
                var dev = options.Value;
                server.Issuer = IssuerUri(dev);
                server.SigningCredentials.Add(keys.SigningCredentials);
                server.EncryptionCredentials.Add(keys.EncryptionCredentials);
                server.Scopes.Add(dev.Audience!);
                server.AccessTokenLifetime = server.IdentityTokenLifetime = TimeSpan.FromSeconds(dev.TokenLifetimeSeconds);
                server.RefreshTokenLifetime = TimeSpan.FromSeconds(dev.RefreshTokenLifetimeSeconds);
                // S256 only (RFC 9700 2.1.1): "plain" would let an intercepted challenge redeem the code.
                server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                // Clients authenticate with their secret only (ClientChecks); no signed client assertions.
                server.ClientAuthenticationMethods.IntersectWith(
                    [ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.ClientSecretPost]);
            });
        return services;
    }

    private static string Relative(string endpoint) => DevIdentityPaths.Local(endpoint).TrimStart('/');
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace G2B.DevIdentity;

/// <summary>
/// What OpenIddict's application store would check, against the clients in configuration: degraded mode
/// leaves client identification, client secrets and registered redirect URIs to the host.
/// </summary>
public static class ClientChecks
{
    public static void Register(OpenIddictServerBuilder server)
    {
        server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseSingletonHandler<AuthorizationClient>()
            .SetOrder(Authentication.ValidateClientRedirectUri.Descriptor.Order));
        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            // Before the code or refresh token is even decrypted: an unauthenticated caller learns nothing.
            .UseSingletonHandler<TokenClient>()
            .SetOrder(Exchange.ValidateAuthentication.Descriptor.Order - 500));
        server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler
            .UseSingletonHandler<EndSessionClient>()
            .SetOrder(Session.ValidateClientPostLogoutRedirectUri.Descriptor.Order));
    }

    /// <summary>A known client_id, and a redirect_uri registered for it (exactly).</summary>
    public sealed class AuthorizationClient(IOptionsMonitor<DevIdentityOptions> options)
        : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            if (!options.CurrentValue.Clients.TryGetValue(context.ClientId ?? string.Empty, out var client))
            {
                // invalid_request, not invalid_client: this endpoint answers a browser, not a client (as OpenIddict's own check does).
                context.Reject(Errors.InvalidRequest, $"The client '{context.ClientId}' is not registered.");
            }
            else if (!client.RedirectUris.Contains(context.RedirectUri ?? string.Empty, StringComparer.Ordinal))
            {
                context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Every client is confidential: client_id and its secret (body or Basic), compared in fixed time.</summary>
    public sealed class TokenClient(IOptionsMonitor<DevIdentityOptions> options)
        : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            var request = context.Request;
            if (!options.CurrentValue.Clients.TryGetValue(request.ClientId ?? string.Empty, out var client)
                || string.IsNullOrEmpty(client.Secret)
                || !SameSecret(request.ClientSecret, client.Secret))
            {
                context.Reject(Errors.InvalidClient, "The client credentials are not valid.");
            }

            return ValueTask.CompletedTask;
        }

        private static bool SameSecret(string? given, string expected) =>
            given is not null && CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>
    /// An id_token_hint, when there is one (the ASP.NET Core handler sends it), must be an identity token this
    /// provider issued (RP-Initiated Logout 1.0, 2; OpenIddict reads the hint but lets an unreadable one pass).
    /// A post_logout_redirect_uri must be registered: for the client named by client_id or by the hint, else for
    /// some client.
    /// </summary>
    public sealed class EndSessionClient(IOptionsMonitor<DevIdentityOptions> options)
        : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
    {
        public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
        {
            if (!string.IsNullOrEmpty(context.Request.IdTokenHint) && context.IdentityTokenHintPrincipal is null)
            {
                context.Reject(Errors.InvalidRequest, "The id_token_hint is not an identity token issued by this provider.");
                return ValueTask.CompletedTask;
            }

            var clients = options.CurrentValue.Clients;
            var clientId = context.ClientId ?? context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
            if (clientId is not null && !clients.ContainsKey(clientId))
            {
                context.Reject(Errors.InvalidRequest, $"The client '{clientId}' is not registered.");
                return ValueTask.CompletedTask;
            }

            if (string.IsNullOrEmpty(context.PostLogoutRedirectUri))
            {
                return ValueTask.CompletedTask;
            }

            IEnumerable<DevClientOptions> candidates = clientId is null ? clients.Values : [clients[clientId]];
            if (!candidates.Any(c => c.PostLogoutRedirectUris.Contains(context.PostLogoutRedirectUri, StringComparer.Ordinal)))
            {
                context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered.");
            }

            return ValueTask.CompletedTask;
        }
    }
}

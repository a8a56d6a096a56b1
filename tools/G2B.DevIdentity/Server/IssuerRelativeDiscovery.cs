using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace G2B.DevIdentity;

/// <summary>
/// OpenIddict would publish its endpoints under the host the request reached; behind the gateway that is this
/// process's own port, which browsers and services never use. Every endpoint is published under the issuer
/// instead, so the document reads the same however it was fetched.
/// </summary>
public sealed class IssuerRelativeDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static void Register(OpenIddictServerBuilder server) =>
        server.AddEventHandler<HandleConfigurationRequestContext>(handler => handler
            .UseSingletonHandler<IssuerRelativeDiscovery>()
            // After every built-in handler: the document is written from the context once they have all run.
            .SetOrder(int.MaxValue - 100_000));

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var issuer = context.Options.Issuer!;
        context.AuthorizationEndpoint = DevIdentityPaths.Public(issuer, DevIdentityPaths.Authorize);
        context.TokenEndpoint = DevIdentityPaths.Public(issuer, DevIdentityPaths.Token);
        context.EndSessionEndpoint = DevIdentityPaths.Public(issuer, DevIdentityPaths.EndSession);
        context.UserInfoEndpoint = DevIdentityPaths.Public(issuer, DevIdentityPaths.UserInfo);
        context.JsonWebKeySetEndpoint = DevIdentityPaths.Public(issuer, DevIdentityPaths.Jwks);
        return ValueTask.CompletedTask;
    }
}

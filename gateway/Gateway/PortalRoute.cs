using G2B.ServiceDefaults;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>
/// Every path the API does not own belongs to the portal (docs/api-contract.md, "Portal"): appsettings.json routes
/// <c>/{**path}</c> to the <c>portal</c> cluster with the lowest priority. The API's own prefixes never fall
/// through to it: an unknown path under one of them is the gateway's 404 problem, as before the portal existed,
/// so an API client never gets an HTML page.
/// </summary>
public static class PortalRoute
{
    public const string ClusterId = "portal";

    /// <summary>Prefixes of the API, the bank endpoints, the identity provider and the gateway's own documents and health.</summary>
    public static readonly IReadOnlyList<string> ApiPrefixes =
        ["api", "bank", "dev", "openapi", "docs", "scalar", ".well-known", "healthz", "internal", "dapr", "events"];

    // After every YARP route of the API (order 0) and before the portal's catch-all (order 1000 in appsettings.json).
    private const int Order = 500;

    public static WebApplication MapApiPrefixNotFound(this WebApplication app)
    {
        foreach (var prefix in ApiPrefixes)
        {
            app.Map($"/{prefix}/{{**rest}}", () => Problems.NotFound("No such endpoint."))
                .WithOrder(Order).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The portal writes its own Content-Security-Policy (its pages load its scripts, styles and images).</summary>
    public static bool ServedByPortal(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config.ClusterId == ClusterId;
}

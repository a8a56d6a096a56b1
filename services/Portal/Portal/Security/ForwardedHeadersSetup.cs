using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Security;

/// <summary>
/// People reach the portal through the gateway, so the sign-in redirect and cookie flags must follow the
/// scheme and host the browser used: <c>X-Forwarded-Proto</c>/<c>-Host</c>/<c>-For</c> are believed from the
/// gateway only, which is loopback locally and <c>ForwardedHeaders:KnownNetworks</c> (CIDR) or
/// <c>ForwardedHeaders:KnownProxies</c> (IPs) in a cluster.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void AddPortalForwardedHeaders(this IServiceCollection services) =>
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var section = configuration.GetSection("ForwardedHeaders");
            foreach (var cidr in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(cidr.Trim()));
            }

            foreach (var ip in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(ip.Trim()));
            }
        });
}

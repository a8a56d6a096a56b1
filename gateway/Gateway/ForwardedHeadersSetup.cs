using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway;

/// <summary>
/// Behind an ingress the TCP peer is the ingress. <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are taken
/// (for the client address that keys rate limits, and for HTTPS that turns HSTS on) only when the peer is one of
/// <c>ForwardedHeaders:KnownProxies</c> (IPs) or inside <c>ForwardedHeaders:KnownNetworks</c> (CIDR). ASP.NET
/// Core's default trust of loopback is dropped: with nothing configured, nobody's forwarded headers count.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static void AddGatewayForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(Section);
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var network in Values(section, "KnownNetworks"))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                        ? parsed
                        : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a CIDR network."));
                }

                foreach (var proxy in Values(section, "KnownProxies"))
                {
                    options.KnownProxies.Add(IPAddress.TryParse(proxy, out var parsed)
                        ? parsed
                        : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
                }

                // One trusted hop (the ingress) by default: the entry it appended is the client it saw;
                // anything further left was written by the client and is not believed.
                options.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
            })
            .ValidateOnStart();
    }

    private static IEnumerable<string> Values(IConfigurationSection section, string key) =>
        section.GetSection(key).GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);
}

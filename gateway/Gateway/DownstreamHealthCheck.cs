using G2B.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace Gateway;

/// <summary>One check per YARP cluster: healthy when every destination's /healthz answers 2xx.</summary>
internal sealed class DownstreamHealthCheck(
    string clusterId, IProxyStateLookup proxyState, IHttpClientFactory httpClients, IOptions<GatewayOptions> options)
    : IHealthCheck
{
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!proxyState.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return HealthCheckResult.Unhealthy("No destinations configured.");
        }

        var data = new Dictionary<string, object>();
        var healthy = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DownstreamHealthTimeoutSeconds));
        var client = httpClients.CreateClient(HttpClientName);

        foreach (var (name, destination) in cluster.Destinations)
        {
            var address = destination.Model.Config.Health ?? destination.Model.Config.Address;
            try
            {
                using var response = await client.GetAsync(new Uri(new Uri(address), "/healthz"), timeout.Token);
                data[name] = (int)response.StatusCode;
                healthy &= response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                data[name] = "unreachable";
                healthy = false;
            }
        }

        return healthy
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy("A destination is not healthy.", data: data);
    }
}

/// <summary>
/// The gateway's own readiness: it can route, i.e. every cluster has a destination to send to. Nothing
/// downstream is asked: one service being down must not take the gateway (and every other route) out of
/// the load balancer.
/// </summary>
internal sealed class RoutingHealthCheck(IProxyStateLookup proxyState) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var clusters = proxyState.GetClusters().ToList();
        var empty = clusters.Where(c => c.Destinations.IsEmpty).Select(c => c.ClusterId).ToList();
        return Task.FromResult(clusters.Count > 0 && empty.Count == 0
            ? HealthCheckResult.Healthy($"{clusters.Count} clusters routable.")
            : HealthCheckResult.Unhealthy("A cluster has no destination: " + string.Join(", ", empty)));
    }
}

internal static class DownstreamHealthChecks
{
    public const string Tag = "downstream";
    public const string DetailPath = "/healthz/downstreams";

    public static void AddDownstreamHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName);
        var checks = builder.Services.AddHealthChecks().AddCheck<RoutingHealthCheck>("routing");
        foreach (var cluster in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var clusterId = cluster.Key;
            checks.Add(new HealthCheckRegistration(
                clusterId,
                sp => ActivatorUtilities.CreateInstance<DownstreamHealthCheck>(sp, clusterId),
                failureStatus: HealthStatus.Unhealthy,
                tags: [Tag, HealthTags.DetailOnly]));
        }
    }
}

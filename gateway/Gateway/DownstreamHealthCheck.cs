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

internal static class DownstreamHealthChecks
{
    public static void AddDownstreamHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName);
        var checks = builder.Services.AddHealthChecks();
        foreach (var cluster in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var clusterId = cluster.Key;
            checks.Add(new HealthCheckRegistration(
                clusterId,
                sp => ActivatorUtilities.CreateInstance<DownstreamHealthCheck>(sp, clusterId),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["downstream"]));
        }
    }
}

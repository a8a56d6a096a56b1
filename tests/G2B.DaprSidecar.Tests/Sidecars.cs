using Dapr.Client;
using G2B.DaprSidecar.Hosting;
using G2B.LocalInfra;
using Microsoft.Extensions.Logging;

namespace G2B.DaprSidecar.Tests;

/// <summary>Starts real sidecars on free loopback ports, in this process, and SDK clients pointed at them.</summary>
public static class Sidecars
{
    public static Task<SidecarHost> StartAsync(
        string appId, string resources, SubscriberApp? app = null, string? daprApiToken = null, string? appApiToken = null,
        int? httpPort = null, int? grpcPort = null, int maxConcurrency = 16, Action<ILoggingBuilder>? logging = null, TimeSpan? readBlock = null) =>
        SidecarHost.StartAsync(new SidecarOptions
        {
            AppId = appId,
            AppPort = app?.Port,
            HttpPort = httpPort ?? FreePort.Next(),
            GrpcPort = grpcPort ?? FreePort.Next(),
            ResourcesPath = resources,
            DaprApiToken = daprApiToken,
            AppApiToken = appApiToken,
            LogLevel = "warn",
            MaxConcurrency = maxConcurrency,
            SubscriptionRefreshInterval = TimeSpan.FromSeconds(1),
            ReadBlock = readBlock ?? TimeSpan.FromSeconds(5),
        }, logging);

    public static DaprClient Client(SidecarHost sidecar, string? token = null)
    {
        var builder = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint).UseHttpEndpoint(sidecar.HttpEndpoint);
        if (token is not null)
        {
            builder.UseDaprApiToken(token);
        }

        return builder.Build();
    }

    /// <summary>Waits until the sidecar read the app's subscriptions (healthz 204), as daprd's readiness does.</summary>
    public static async Task WaitReadyAsync(SidecarHost sidecar)
    {
        using var http = new HttpClient();
        await Eventually.HoldsAsync(
            async () => (await http.GetAsync($"{sidecar.HttpEndpoint}/v1.0/healthz")).StatusCode == System.Net.HttpStatusCode.NoContent,
            "sidecar readiness");
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

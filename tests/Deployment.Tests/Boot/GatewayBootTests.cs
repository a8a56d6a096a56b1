using Deployment.Tests.Infrastructure;
using G2B.LocalInfra;
using G2B.Testing;

namespace Deployment.Tests.Boot;

/// <summary>The gateway's real build, its Native AOT binary as its image runs it, with the environment each overlay renders for it.</summary>
[Collection(BootCollection.Name)]
public sealed class GatewayBootTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public async Task Gateway_starts_with_its_rendered_environment(string overlay)
    {
        await using var gateway = await StartAsync(overlay);

        using var alive = await gateway.Http.GetAsync(gateway.Probe("livenessProbe"));
        alive.IsSuccessStatusCode.Should().BeTrue(gateway.Process.Output);
    }

    // The downstreams' Service names do not resolve here, which is what a cluster looks like when
    // every service is down. Readiness must not follow them, or the ingress answers 503 for every
    // route, the healthy ones included.
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public async Task Gateway_is_ready_while_every_downstream_is_down(string overlay)
    {
        await using var gateway = await StartAsync(overlay);

        using var ready = await gateway.Http.GetAsync(gateway.Probe("readinessProbe"));
        ready.IsSuccessStatusCode.Should().BeTrue(await ready.Content.ReadAsStringAsync());
        // The downstreams are still reported, elsewhere: the probe path is not that report.
        gateway.Probe("readinessProbe").Should().NotStartWith("/healthz/downstreams");
        using var downstreams = await gateway.Http.GetAsync("/healthz/downstreams");
        downstreams.IsSuccessStatusCode.Should().BeFalse("every downstream is down here");
    }

    private static async Task<RunningGateway> StartAsync(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var container = OverlayMerger.Containers(rendered.Get("Deployment", "gateway")).Single();
        var env = ContainerEnvironment.Resolve(rendered, container, await TestSecrets.CreateAsync("gateway"));
        var port = FreePort.Next();
        env["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        env["DOTNET_RUNNING_IN_CONTAINER"] = "true";

        // The image's entry point is the Native AOT binary (Dockerfile, stage "gateway").
        var process = AppProcess.Start(AppProcess.NativeOutput(BootTests.DeployableProject("gateway")), env);
        var gateway = new RunningGateway(process, container, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        await Eventually.HoldsAsync(async () => process.HasExited || await Listening(gateway.Http), "the gateway listens", TimeSpan.FromSeconds(90));
        process.HasExited.Should().BeFalse($"the gateway must start with the {overlay} environment:\n{process.Output}");
        return gateway;
    }

    private static async Task<bool> Listening(HttpClient http)
    {
        try
        {
            using var _ = await http.GetAsync("/alive");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record RunningGateway(AppProcess Process, Dictionary<string, object?> Container, HttpClient Http) : IAsyncDisposable
    {
        public string Probe(string kind) => Container.Str($"{kind}.httpGet.path")!;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Process.DisposeAsync();
        }
    }
}

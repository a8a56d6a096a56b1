using System.Text.Json;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// The development identity provider (tools/G2B.DevIdentity) belongs to local runs: tye.yaml starts it and
/// routes the gateway's /dev to it; no manifest deploys it, and no deployed gateway routes /dev anywhere.
/// </summary>
public sealed class DevIdentityTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void No_overlay_deploys_the_provider_or_routes_dev(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        rendered.Objects.Select(o => o.Str("metadata.name")).Should().NotContain(n => n != null && n.Contains("identity"));
        var gateway = rendered.Environment(OverlayMerger.Containers(rendered.Get("Deployment", "gateway")).Single());
        gateway.Keys.Should().NotContain(k => k.StartsWith("ReverseProxy__Routes__"), "the deployed routes are the image's appsettings.json");
        gateway.Keys.Should().NotContain(k => k.Contains("dev-identity") || k.Contains("DevIdentity") || k.Contains("DevIssuer"));
        foreach (var container in rendered.Deployments.SelectMany(OverlayMerger.Containers))
        {
            rendered.Environment(container).Values.Should().NotContain(v => v != null && v.Contains("/dev"), "no service trusts the development issuer");
        }
    }

    [Fact]
    public void The_gateways_own_settings_route_nothing_under_dev()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Path("gateway", "Gateway"), "appsettings*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var routes = json.RootElement.TryGetProperty("ReverseProxy", out var proxy) && proxy.TryGetProperty("Routes", out var r)
                ? r.EnumerateObject().Select(route => route.Value.GetProperty("Match").GetProperty("Path").GetString()!).ToList()
                : [];
            routes.Should().NotContain(p => p == "/dev" || p.StartsWith("/dev/"), Path.GetFileName(file));
        }
    }

    [Fact]
    public void A_local_run_starts_the_provider_without_a_sidecar_and_routes_dev_to_it()
    {
        var tye = TyeTopology.Load();
        var service = tye.Document.Maps("services").Single(s => s.Str("name") == "dev-identity");
        File.Exists(RepoPaths.Path(service.Str("project")!.Split('/'))).Should().BeTrue();
        tye.DaprAppIds.Should().NotContain("dev-identity");

        var gateway = tye.Document.Maps("services").Single(s => s.Str("name") == "gateway").Maps("env")
            .ToDictionary(e => e.Str("name")!, e => e.Str("value"));
        gateway["ReverseProxy__Routes__dev-identity__Match__Path"].Should().Be("/dev/{**rest}");
        gateway["ReverseProxy__Routes__dev-identity__ClusterId"].Should().Be("dev-identity");
        gateway["ReverseProxy__Clusters__dev-identity__Destinations__primary__Address"].Should().Be("${service:dev-identity:url}");
        var provider = service.Maps("env").ToDictionary(e => e.Str("name")!, e => e.Str("value"));
        provider["DevIdentity__Issuer"].Should().Be(gateway["Auth__Authority"], "tokens name the issuer every service trusts");
    }
}

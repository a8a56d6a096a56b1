using System.Text.Json;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// The registry's <c>/internal/companies/...</c> endpoints (ownership and status for licence
/// applications; one of them anonymous) must not be reachable from outside the cluster: the
/// ingress targets only the gateway, the gateway routes no <c>/internal</c> path, only the gateway
/// and licence-applications reach the registry's port, and no sidecar invokes it either.
/// </summary>
public sealed class InternalEndpointTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Only_the_gateway_and_licence_applications_reach_the_registry(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var (net, pod) = NetworkPolicyTests.Setup(overlay);
        var registry = pod("company-registry");
        var port = int.Parse(OverlayMerger.Containers(rendered.Get("Deployment", "company-registry")).Single()
            .Maps("ports").Single(p => p.Str("name") == "http").Str("containerPort")!);

        var workloads = rendered.Deployments.Concat(rendered.OfKind("Job"))
            .Select(w => w.Str("metadata.name")!).Where(n => n != "company-registry").ToList();
        var admitted = workloads.Where(w => net.Allows(pod(w), registry, port)).ToList();
        admitted.Should().BeEquivalentTo(["gateway", "licence-applications"]);

        var others = new[]
        {
            Endpoint.Outside,
            Endpoint.At("10.0.0.7"),
            new Endpoint("ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" }),
            new Endpoint("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" }),
            new Endpoint("kube-system", new Dictionary<string, string>()),
        };
        others.Should().OnlyContain(e => !net.Allows(e, registry, port));
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_ingress_targets_only_the_gateway(string overlay)
    {
        var ingresses = Kustomize.Render(overlay).OfKind("Ingress").ToList();
        ingresses.Should().NotBeEmpty();
        foreach (var ingress in ingresses)
        {
            ingress.At("spec.defaultBackend").Should().BeNull(ingress.Str("metadata.name"));
            ingress.Maps("spec.rules").SelectMany(r => r.Maps("http.paths")).Select(p => p.Str("backend.service.name"))
                .Should().NotBeEmpty().And.OnlyContain(s => s == "gateway", ingress.Str("metadata.name"));
        }
    }

    [Fact]
    public void The_gateway_routes_no_internal_path()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepoPaths.Path("gateway", "Gateway", "appsettings.json")));
        var routes = json.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(r => (Path: r.Value.GetProperty("Match").GetProperty("Path").GetString()!, Cluster: r.Value.GetProperty("ClusterId").GetString()!,
                Order: r.Value.TryGetProperty("Order", out var order) ? order.GetInt32() : 0))
            .ToList();

        routes.Should().NotBeEmpty();
        foreach (var (path, cluster, order) in routes)
        {
            // A catch-all or a parameter in the first segment could match /internal/... too. The one allowed is
            // the portal's (pages only, no /internal endpoint), after every other route; the gateway answers
            // /internal/** itself with a 404 before it (Gateway.Tests RoutingTests checks that).
            var first = path.TrimStart('/').Split('/')[0];
            if (first.StartsWith('{'))
            {
                cluster.Should().Be("portal", path);
                order.Should().BeGreaterThan(routes.Where(r => r.Cluster != "portal").Max(r => r.Order), path);
                continue;
            }

            first.Should().NotBeEmpty(path);
            first.Should().NotBeEquivalentTo("internal", path);
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void No_sidecar_accepts_service_invocation(string overlay)
    {
        // daprd's port is open between sidecars, and an invocation reaches any app route, the
        // registry's /internal ones included. Nothing here uses service invocation: deny it.
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            var config = rendered.Get("Configuration", deployment.Str("spec.template.metadata.annotations.dapr.io/config")!);
            config.Str("spec.accessControl.defaultAction").Should().Be("deny", deployment.Str("metadata.name"));
            config.Maps("spec.accessControl.policies").Should().BeEmpty();
        }
    }
}

using System.Text.Json;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed class GatewayRoutingTests
{
    private const string Prefix = "ReverseProxy__Clusters__";
    private const string Suffix = "__Destinations__primary__Address";

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_gateway_cluster_points_at_a_service_that_exists(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var env = rendered.Environment(OverlayMerger.Containers(rendered.Get("Deployment", "gateway")).Single());
        var overrides = env.Where(kv => kv.Key.StartsWith(Prefix) && kv.Key.EndsWith(Suffix))
            .ToDictionary(kv => kv.Key[Prefix.Length..^Suffix.Length], kv => kv.Value!);

        var clusters = GatewayClusters();
        clusters.Should().Contain(RepoPaths.Services);
        overrides.Keys.Should().BeEquivalentTo(clusters, "every cluster gets its in-cluster address, and no other");

        foreach (var (cluster, address) in overrides)
        {
            var uri = new Uri(address);
            var service = rendered.Find("Service", uri.Host);
            service.Should().NotBeNull($"{cluster} points at {address}");
            var port = service!.Maps("spec.ports").Should().ContainSingle(p => p.Str("port") == uri.Port.ToString(), address).Subject;
            var backends = rendered.Deployments.Where(d => NetworkPolicyEvaluator.Matches(
                new Dictionary<string, object?> { ["matchLabels"] = service.Map("spec.selector") },
                WorkloadTests.Labels(d.Map("spec.template.metadata.labels")))).ToList();
            backends.Should().ContainSingle(address);
            OverlayMerger.Containers(backends[0]).SelectMany(c => c.Maps("ports"))
                .Should().Contain(p => p.Str("name") == port.Str("targetPort") || p.Str("containerPort") == port.Str("targetPort"));
        }
    }

    private static List<string> GatewayClusters()
    {
        var path = RepoPaths.Path("gateway", "Gateway", "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var clusters = json.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters");
        foreach (var cluster in clusters.EnumerateObject())
        {
            // Destinations may come only from configuration (tye, k8s); where the file names
            // them, the key must be the one the overrides use, or YARP would proxy to both.
            if (cluster.Value.TryGetProperty("Destinations", out var destinations))
            {
                destinations.EnumerateObject().Select(d => d.Name).Should().Equal(["primary"], cluster.Name);
            }
        }
        return clusters.EnumerateObject().Select(c => c.Name).ToList();
    }
}

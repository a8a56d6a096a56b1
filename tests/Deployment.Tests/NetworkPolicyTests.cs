using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed class NetworkPolicyTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Only_the_gateway_reaches_the_services_http_ports(string overlay)
    {
        var (net, pod) = Setup(overlay);

        net.Allows(Ingress(), pod("gateway"), 8080).Should().BeTrue("the ingress controller serves the gateway");
        net.Allows(Endpoint.Outside, pod("gateway"), 8080).Should().BeFalse();
        foreach (var service in Services)
        {
            net.Allows(pod("gateway"), pod(service), 8080).Should().BeTrue($"gateway -> {service}");
            net.Allows(Ingress(), pod(service), 8080).Should().BeFalse($"ingress controller -> {service}");
            net.Allows(Endpoint.Outside, pod(service), 8080).Should().BeFalse();
        }
        net.Allows(pod("fee-payments"), pod("licence-applications"), 8080).Should().BeFalse();
        net.Allows(pod("company-registry"), pod("fee-payments"), 8080).Should().BeFalse();
        // The one documented exception: licence-applications' ownership look-up.
        net.Allows(pod("licence-applications"), pod("company-registry"), 8080).Should().BeTrue();
        net.Allows(pod("licence-applications"), pod("fee-payments"), 8080).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Sidecars_reach_each_other_and_the_broker_and_nothing_else_does(string overlay)
    {
        var (net, pod) = Setup(overlay);
        var rendered = Kustomize.Render(overlay);
        var brokerPort = BrokerPort(rendered);
        var broker = rendered.Find("Deployment", "redis") is { } redis
            ? pod("redis")
            : Endpoint.Outside; // prod: a managed Kafka outside the cluster

        foreach (var from in Services)
        {
            net.Allows(pod(from), broker, brokerPort).Should().BeTrue($"{from}'s sidecar -> broker");
            foreach (var to in Services.Where(s => s != from))
            {
                net.Allows(pod(from), pod(to), 50002).Should().BeTrue($"{from} sidecar -> {to} sidecar");
            }
        }
        net.Allows(pod("gateway"), pod("company-registry"), 50002).Should().BeFalse();
        if (!broker.IsExternal)
        {
            net.Allows(pod("gateway"), broker, brokerPort).Should().BeFalse();
        }
        net.Allows(pod("gateway"), Endpoint.Outside, 5432).Should().BeFalse("the gateway has no database");
        net.Allows(pod("fee-payments"), Endpoint.Outside, 5432).Should().BeTrue();
        net.Allows(pod("company-registry-migrate"), Endpoint.Outside, 5432).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_portal_is_reached_through_the_gateway_and_reaches_only_the_gateway_and_the_identity_provider(string overlay)
    {
        var (net, pod) = Setup(overlay);

        net.Allows(pod("gateway"), pod("portal"), 8080).Should().BeTrue("the gateway serves the portal's pages");
        net.Allows(Ingress(), pod("portal"), 8080).Should().BeFalse("people come in through the gateway");
        net.Allows(Endpoint.Outside, pod("portal"), 8080).Should().BeFalse();
        net.Allows(pod("portal"), pod("gateway"), 8080).Should().BeTrue("the portal calls the public API");
        net.Allows(pod("portal"), Endpoint.Outside, 443).Should().BeTrue("the OIDC provider's discovery, keys and tokens");
        foreach (var service in Services)
        {
            net.Allows(pod("portal"), pod(service), 8080).Should().BeFalse($"portal -> {service} only through the gateway");
            net.Allows(pod(service), pod("portal"), 8080).Should().BeFalse($"{service} -> portal");
        }
        net.Allows(pod("portal"), Endpoint.Outside, 5432).Should().BeFalse("the portal has no database");
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Everything_is_denied_by_default(string overlay)
    {
        var deny = Kustomize.Render(overlay).OfKind("NetworkPolicy").Where(p => p.Map("spec.podSelector").Count == 0
            && p.At("spec.ingress") is null && p.At("spec.egress") is null).ToList();
        deny.SelectMany(p => p.Strings("spec.policyTypes")).Should().Contain(["Ingress", "Egress"]);
    }

    private static readonly IReadOnlyList<string> Services = RepoPaths.Services;

    private static Endpoint Ingress() =>
        new("ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });

    public static (NetworkPolicyEvaluator Net, Func<string, Endpoint> Pod) Setup(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var ns = rendered.Get("Deployment", "gateway").Str("metadata.namespace")!;
        Endpoint Pod(string name)
        {
            var workload = rendered.Find("Deployment", name) ?? rendered.Get("Job", name);
            return new Endpoint(ns, WorkloadTests.Labels(workload.Map("spec.template.metadata.labels")));
        }
        return (new NetworkPolicyEvaluator(rendered, ns), Pod);
    }

    private static int BrokerPort(Rendered rendered)
    {
        var metadata = rendered.Get("Component", "pubsub").Maps("spec.metadata")
            .ToDictionary(m => m.Str("name")!, m => m.Str("value"));
        var address = metadata.GetValueOrDefault("redisHost") ?? metadata["brokers"]!.Split(',')[0];
        return int.Parse(address[(address.LastIndexOf(':') + 1)..]);
    }
}

using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed class DaprTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Sidecar_app_ids_are_tye_names_and_the_deployments_own_names(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var tye = TyeTopology.Load();

        var appIds = rendered.DaprDeployments.Select(d => d.Str("spec.template.metadata.annotations.dapr.io/app-id")).ToList();
        appIds.Should().BeEquivalentTo(tye.DaprAppIds);
        rendered.DaprDeployments.Should().OnlyContain(d => d.Str("metadata.name") == d.Str("spec.template.metadata.annotations.dapr.io/app-id"));
        // The gateway has no sidecar locally (tye) and none in the cluster.
        rendered.Get("Deployment", "gateway").Str("spec.template.metadata.annotations.dapr.io/enabled").Should().Be("false");
        tye.ServiceNames.Should().Contain(rendered.Deployments.Where(d => d.Str("metadata.labels.g2b.example/tier") != "broker")
            .Select(d => d.Str("metadata.name")!));
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Sidecars_use_the_app_port_token_secrets_and_the_shared_configuration(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            var annotations = deployment.Map("spec.template.metadata.annotations");
            var app = OverlayMerger.Containers(deployment).Single();
            annotations.Str("dapr.io/app-port").Should().Be(app.Maps("ports").Single(p => p.Str("name") == "http").Str("containerPort"));
            annotations.Str("dapr.io/api-token-secret").Should().NotBeNullOrEmpty();
            annotations.Str("dapr.io/app-token-secret").Should().NotBeNullOrEmpty();
            // The app checks the token the sidecar sends, so it reads the same secret.
            rendered.Environment(app)["APP_API_TOKEN"].Should().Be($"secret:{annotations.Str("dapr.io/app-token-secret")}/token");
            rendered.Find("Configuration", annotations.Str("dapr.io/config")!).Should().NotBeNull();
            rendered.Environment(app)["Eventing__PubSubName"].Should().Be("pubsub");
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Pubsub_component_is_scoped_to_every_dapr_service(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var component = rendered.OfKind("Component").Should().ContainSingle(c => c.Str("spec.type")!.StartsWith("pubsub.")).Subject;

        component.Str("metadata.name").Should().Be("pubsub");
        component.Str("spec.type").Should().Be(overlay == "prod" ? "pubsub.kafka" : "pubsub.redis");
        component.Strings("scopes").Should().BeEquivalentTo(TyeTopology.Load().DaprAppIds);
        component.Maps("spec.metadata").Where(m => m.Str("name")!.Contains("assword", StringComparison.OrdinalIgnoreCase))
            .Should().NotBeEmpty().And.OnlyContain(m => m.At("secretKeyRef") != null && m.At("value") == null);
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Resiliency_retries_inbound_pubsub_delivery_a_bounded_number_of_times(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var resiliency = rendered.OfKind("Resiliency").Should().ContainSingle().Subject;
        var retryName = resiliency.Str("spec.targets.components.pubsub.inbound.retry");

        retryName.Should().NotBeNull("Dapr 1.17+ acks failed messages; only this policy redelivers them");
        var retry = resiliency.Map($"spec.policies.retries").GetValueOrDefault(retryName!) as Dictionary<string, object?>;
        retry.Should().NotBeNull();
        // Bounded, so a poison message ends up on its dead-letter topic instead of looping forever.
        int.Parse(retry.Str("maxRetries")!).Should().BePositive();
        resiliency.Strings("scopes").Should().BeEquivalentTo(TyeTopology.Load().DaprAppIds);
        foreach (var target in resiliency.Map("spec.targets.components").Values.OfType<Dictionary<string, object?>>()
                     .SelectMany(t => new[] { t.Map("inbound"), t.Map("outbound") }))
        {
            foreach (var (kind, policy) in new[] { ("retry", "retries"), ("timeout", "timeouts"), ("circuitBreaker", "circuitBreakers") })
            {
                if (target.Str(kind) is { } named)
                {
                    resiliency.Map($"spec.policies.{policy}").Should().ContainKey(named);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Declarative_subscriptions_if_any_have_a_dead_letter_topic(string overlay)
    {
        // The services subscribe programmatically (G2B.Eventing's MapIntegrationEvent always sets a
        // dead-letter topic; its own tests check that). Any Subscription added here must too.
        var rendered = Kustomize.Render(overlay);
        rendered.OfKind("Subscription").Should().OnlyContain(s => !string.IsNullOrEmpty(s.Str("spec.deadLetterTopic")));
        rendered.OfKind("Component").Should().ContainSingle(c => c.Str("metadata.name") == "pubsub");
    }
}

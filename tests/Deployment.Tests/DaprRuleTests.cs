using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// Rules that come from how Dapr 1.17 behaves on a cluster (dapr/dapr v1.17 injector and runtime,
/// components-contrib's Redis Streams), each of which once kept the deployment from working.
/// </summary>
public sealed partial class DaprRuleTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Sidecars_without_a_service_account_token_do_not_load_the_builtin_secret_store(string overlay)
    {
        foreach (var deployment in Kustomize.Render(overlay).DaprDeployments)
        {
            // In Kubernetes mode daprd always loads the built-in "kubernetes" secret store, which
            // needs the pod's service-account token: without one it exits at start.
            if (deployment.Str("spec.template.spec.automountServiceAccountToken") == "false")
            {
                deployment.Str("spec.template.metadata.annotations.dapr.io/disable-builtin-k8s-secret-store")
                    .Should().Be("true", deployment.Str("metadata.name"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_app_gets_both_tokens_from_the_secrets_its_sidecar_uses(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            var annotations = deployment.Map("spec.template.metadata.annotations");
            var env = rendered.Environment(OverlayMerger.Containers(deployment).Single());
            // The injector puts DAPR_API_TOKEN into daprd only; without it every publish is a 401.
            env.Should().ContainKey("DAPR_API_TOKEN").WhoseValue.Should().Be($"secret:{annotations.Str("dapr.io/api-token-secret")}/token");
            env.Should().ContainKey("APP_API_TOKEN").WhoseValue.Should().Be($"secret:{annotations.Str("dapr.io/app-token-secret")}/token");
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_app_knows_its_app_id(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            // G2B.Eventing names dead-letter topics and inbox rows after APP_ID; the injector does not set it.
            rendered.Environment(OverlayMerger.Containers(deployment).Single())
                .Should().ContainKey("APP_ID").WhoseValue.Should().Be(deployment.Str("spec.template.metadata.annotations.dapr.io/app-id"));
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_sidecars_app_health_probe_allows_a_database_round_trip(string overlay)
    {
        foreach (var deployment in Kustomize.Render(overlay).DaprDeployments)
        {
            var annotations = deployment.Map("spec.template.metadata.annotations");
            var name = deployment.Str("metadata.name");
            if (annotations.Str("dapr.io/enable-app-health-check") != "true")
            {
                continue;
            }
            // daprd's default is 500 ms; a slow /healthz then pauses pub/sub delivery.
            var timeoutMs = int.Parse(annotations.Str("dapr.io/app-health-probe-timeout") ?? "500");
            var intervalS = int.Parse(annotations.Str("dapr.io/app-health-probe-interval") ?? "5");
            var app = OverlayMerger.Containers(deployment).Single();
            timeoutMs.Should().BeGreaterThanOrEqualTo(int.Parse(app.Str("readinessProbe.timeoutSeconds")!) * 1000, name);
            timeoutMs.Should().BeLessThan(intervalS * 1000, name);
            annotations.Str("dapr.io/app-health-check-path").Should().Be(app.Str("readinessProbe.httpGet.path"), name);
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void A_redis_message_is_not_reclaimed_while_the_runtime_still_retries_it(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var component = rendered.Get("Component", "pubsub");
        if (component.Str("spec.type") != "pubsub.redis")
        {
            return; // Kafka has no reclaim timer: a partition waits for its message's retries.
        }

        ExpectNoReclaimDuringRetries(component, rendered.OfKind("Resiliency").Single());
    }

    /// <summary>The timeout rule (docs/deploy.md), for the cluster's and the local components alike.</summary>
    internal static void ExpectNoReclaimDuringRetries(Dictionary<string, object?> component, Dictionary<string, object?> resiliency)
    {
        var metadata = component.Maps("spec.metadata").ToDictionary(m => m.Str("name")!, m => m.Str("value"));
        var processingTimeout = Duration(metadata.GetValueOrDefault("processingTimeout") ?? "60s");
        var budget = InboundRetryBudget(resiliency, component.Str("metadata.name")!);

        processingTimeout.Should().BeGreaterThan(budget,
            "the component would hand the message to another replica while the first still retries it");
        Duration(metadata.GetValueOrDefault("redeliverInterval") ?? "60s")
            .Should().BePositive("0 turns reclaiming off: a crashed consumer's messages would be stuck");
    }

    /// <summary>
    /// Worst case from first delivery to giving up: every try runs into the handler timeout, every
    /// back-off is at its upper jitter. Defaults are dapr/kit's retry.DefaultConfig (initial 500 ms,
    /// multiplier 1.5, randomization 0.5, maxInterval 60 s, maxElapsedTime 15 min).
    /// </summary>
    public static TimeSpan InboundRetryBudget(Dictionary<string, object?> resiliency, string component)
    {
        var target = resiliency.Map($"spec.targets.components.{component}.inbound");
        var timeout = target.Str("timeout") is { } t ? Duration(resiliency.Str($"spec.policies.timeouts.{t}") ?? t) : TimeSpan.FromMinutes(5);
        var retry = resiliency.Map("spec.policies.retries").GetValueOrDefault(target.Str("retry")!) as Dictionary<string, object?>;
        var maxRetries = int.Parse(retry.Str("maxRetries")!);
        var backoff = TimeSpan.Zero;
        if (retry.Str("policy") == "constant")
        {
            backoff = Duration(retry.Str("duration") ?? "5s") * maxRetries;
        }
        else
        {
            var interval = Duration(retry.Str("initialInterval") ?? "500ms");
            var max = Duration(retry.Str("maxInterval") ?? "60s");
            for (var i = 0; i < maxRetries; i++)
            {
                backoff += interval * 1.5;
                interval = TimeSpan.FromTicks(Math.Min((interval * 1.5).Ticks, max.Ticks));
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks, Duration(retry.Str("maxElapsedTime") ?? "15m").Ticks));
        }
        return timeout * (maxRetries + 1) + backoff;
    }

    public static TimeSpan Duration(string value)
    {
        var total = TimeSpan.Zero;
        foreach (Match m in DurationPart().Matches(value))
        {
            var n = double.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += m.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                var u => throw new FormatException($"unit {u} in {value}"),
            };
        }
        return total;
    }

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h)")]
    private static partial Regex DurationPart();
}

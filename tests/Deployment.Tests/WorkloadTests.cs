using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed partial class WorkloadTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_workload_has_probes_resources_and_a_locked_down_container(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var workloads = rendered.Deployments.Concat(rendered.OfKind("Job")).ToList();
        workloads.Should().NotBeEmpty();

        foreach (var workload in workloads)
        {
            var name = $"{workload.Str("kind")}/{workload.Str("metadata.name")}";
            var pod = workload.Map("spec.template.spec");
            pod.Str("securityContext.runAsNonRoot").Should().Be("true", name);
            pod.Str("securityContext.runAsUser").Should().NotBe("0", name);
            pod.Str("automountServiceAccountToken").Should().Be("false", name);
            workload.Str("spec.template.metadata.annotations.dapr.io/enabled").Should().BeOneOf(["true", "false"], name);

            foreach (var container in OverlayMerger.Containers(workload))
            {
                container.Str("securityContext.allowPrivilegeEscalation").Should().Be("false", name);
                container.Str("securityContext.readOnlyRootFilesystem").Should().Be("true", name);
                container.Strings("securityContext.capabilities.drop").Should().Contain("ALL", name);
                foreach (var part in new[] { "requests.cpu", "requests.memory", "limits.cpu", "limits.memory" })
                {
                    container.Str("resources." + part).Should().NotBeNullOrEmpty($"{name} needs resources.{part}");
                }
                if (workload.Str("kind") == "Deployment")
                {
                    container.At("readinessProbe").Should().NotBeNull(name);
                    container.At("livenessProbe").Should().NotBeNull(name);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Our_services_are_ready_on_healthz_and_alive_on_alive(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var name in RepoPaths.Services.Append("gateway"))
        {
            var app = OverlayMerger.Containers(rendered.Get("Deployment", name)).Single();
            // Liveness checks no dependency: a database outage must make pods unready, not restart them.
            foreach (var (probe, path) in new[] { ("readinessProbe", "/healthz"), ("livenessProbe", "/alive") })
            {
                app.Str($"{probe}.httpGet.path").Should().Be(path, $"{name} {probe}");
                app.Str($"{probe}.httpGet.port").Should().Be("http", $"{name} {probe}");
            }
            app.Maps("ports").Should().ContainSingle(p => p.Str("name") == "http" && p.Str("containerPort") == "8080");
            // The image's own non-root user (aspnet images: APP_UID 1654); /tmp is the only writable path.
            rendered.Get("Deployment", name).Str("spec.template.spec.securityContext.runAsUser").Should().Be("1654");
            app.Maps("volumeMounts").Select(v => v.Str("mountPath")).Should().Equal("/tmp");
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Services_run_several_replicas_and_every_deployment_has_a_disruption_budget(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var name in RepoPaths.Services)
        {
            int.Parse(rendered.Get("Deployment", name).Str("spec.replicas")!).Should().BeGreaterThanOrEqualTo(2, name);
        }

        // The autoscaler owns the gateway's count: a replicas field would fight it on every apply.
        var gateway = rendered.Get("Deployment", "gateway");
        gateway.At("spec.replicas").Should().BeNull();
        var hpa = rendered.OfKind("HorizontalPodAutoscaler").Should().ContainSingle().Subject;
        hpa.Str("spec.scaleTargetRef.kind").Should().Be("Deployment");
        hpa.Str("spec.scaleTargetRef.name").Should().Be("gateway");
        int.Parse(hpa.Str("spec.minReplicas")!).Should().BeGreaterThanOrEqualTo(2);
        int.Parse(hpa.Str("spec.maxReplicas")!).Should().BeGreaterThan(int.Parse(hpa.Str("spec.minReplicas")!));

        foreach (var name in RepoPaths.Services.Prepend("gateway"))
        {
            var deployment = rendered.Get("Deployment", name);
            var podLabels = Labels(deployment.Map("spec.template.metadata.labels"));
            var pdb = rendered.OfKind("PodDisruptionBudget")
                .Should().ContainSingle(p => NetworkPolicyEvaluator.Matches(p.Map("spec.selector"), podLabels), name).Subject;
            var replicas = deployment.Str("spec.replicas") is { } r ? int.Parse(r) : int.Parse(hpa.Str("spec.minReplicas")!);
            // A budget that allows no eviction at all would block node drains.
            int.Parse(pdb.Str("spec.minAvailable")!).Should().BeInRange(1, replicas - 1, name);
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_image_is_a_digest_or_a_version_tag(string overlay)
    {
        // Nodes cache images by tag (IfNotPresent): a reused tag such as "dev" or "latest" would
        // keep running whatever build a node pulled first.
        var rendered = Kustomize.Render(overlay);
        var images = rendered.Deployments.Concat(rendered.OfKind("Job"))
            .SelectMany(OverlayMerger.Containers).Select(c => c.Str("image")!).ToList();
        images.Should().NotBeEmpty().And.OnlyContain(i => ImmutableImage().IsMatch(i), "a digest or a semantic version");
    }

    public static Dictionary<string, string> Labels(Dictionary<string, object?> map) =>
        map.ToDictionary(kv => kv.Key, kv => (string)kv.Value!);

    [GeneratedRegex(@"(@sha256:[0-9a-f]{64}|:v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$")]
    private static partial Regex ImmutableImage();
}

using System.Net;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>Rollouts, drains, certificates and client addresses: what only shows on a real cluster.</summary>
public sealed class HardeningTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Pods_leave_the_endpoints_before_they_stop_and_within_the_grace_period(string overlay)
    {
        foreach (var name in RepoPaths.Services.Append("gateway"))
        {
            var deployment = Kustomize.Render(overlay).Get("Deployment", name);
            var app = OverlayMerger.Containers(deployment).Single();
            var sleep = int.Parse(app.Str("lifecycle.preStop.sleep.seconds") ?? "0");
            var grace = int.Parse(deployment.Str("spec.template.spec.terminationGracePeriodSeconds") ?? "30");
            var daprDrain = int.Parse(deployment.Str("spec.template.metadata.annotations.dapr.io/graceful-shutdown-seconds") ?? "5");

            sleep.Should().BePositive($"{name}: endpoint removal races SIGTERM without a preStop delay");
            (sleep + 10).Should().BeLessThanOrEqualTo(grace, $"{name}: the app needs time to drain after the delay");
            daprDrain.Should().BeLessThan(grace, name);
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void A_rollout_waits_for_its_migration_job_and_fails_when_the_job_does(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var deployment in rendered.DaprDeployments)
        {
            var name = deployment.Str("metadata.name")!;
            var job = rendered.Get("Job", name + "-migrate");
            // Replicas are ready only on a migrated schema (the "schema" check behind /healthz), so
            // the rollout must not report failure before the Job could have finished...
            var jobDeadline = int.Parse(job.Str("spec.activeDeadlineSeconds")!);
            int.Parse(deployment.Str("spec.progressDeadlineSeconds") ?? "600").Should().BeGreaterThan(jobDeadline, name);
            // ...and must not take serving pods away while it waits.
            deployment.Str("spec.strategy.rollingUpdate.maxUnavailable").Should().Be("0", name);
            OverlayMerger.Containers(deployment).Single().Str("readinessProbe.httpGet.path").Should().Be("/healthz");
        }
    }

    [Fact]
    public void Production_samples_a_fraction_of_traces()
    {
        var rate = Kustomize.Render("prod").Get("Configuration", "g2b-dapr").Str("spec.tracing.samplingRate");
        double.Parse(rate!, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0.001, 0.25);
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Cert_manager_http01_solver_is_reachable_from_the_ingress_controller(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var ingress = rendered.Get("Ingress", "gateway");
        if (!ingress.Map("metadata.annotations").Keys.Any(k => k.StartsWith("cert-manager.io/")))
        {
            return; // the certificate is created out-of-band (dev)
        }

        var ns = ingress.Str("metadata.namespace")!;
        var net = new NetworkPolicyEvaluator(rendered, ns);
        var solver = new Endpoint(ns, new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" });
        var controller = new Endpoint("ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });

        net.Allows(controller, solver, 8089).Should().BeTrue("Let's Encrypt reaches the solver through the ingress controller");
        net.Allows(Endpoint.Outside, solver, 8089).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_gateway_trusts_forwarded_headers_from_the_ingress_controller_only(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var env = rendered.Environment(OverlayMerger.Containers(rendered.Get("Deployment", "gateway")).Single());
        var networks = env.Where(kv => kv.Key.StartsWith("ForwardedHeaders__KnownNetworks__")).Select(kv => kv.Value!).ToList();
        var proxies = env.Where(kv => kv.Key.StartsWith("ForwardedHeaders__KnownProxies__")).Select(kv => kv.Value!).ToList();

        // Without a trusted proxy every anonymous caller is the ingress controller: one rate-limit bucket.
        (networks.Count + proxies.Count).Should().BePositive();
        foreach (var network in networks)
        {
            IPNetwork.TryParse(network, out var cidr).Should().BeTrue(network);
            cidr.PrefixLength.Should().BeGreaterThanOrEqualTo(8, "a CIDR no wider than /8");
        }
        proxies.Should().OnlyContain(p => IPAddress.Parse(p) != null);
        var net = new NetworkPolicyEvaluator(rendered, rendered.Get("Deployment", "gateway").Str("metadata.namespace")!);
        var gateway = new Endpoint(rendered.Get("Deployment", "gateway").Str("metadata.namespace")!,
            WorkloadTests.Labels(rendered.Get("Deployment", "gateway").Map("spec.template.metadata.labels")));
        net.Allows(Endpoint.Outside, gateway, 8080).Should().BeFalse("only the trusted ingress controller may reach the gateway");
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_gateway_reads_the_bank_secrets_fee_payments_reads_and_no_other_secret(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        static List<string> SecretRefs(Dictionary<string, object?> container) =>
            container.Maps("envFrom").Select(s => s.Str("secretRef.name")).OfType<string>()
                .Concat(container.Maps("env").Select(e => e.Str("valueFrom.secretKeyRef.name")).OfType<string>()).ToList();
        var gateway = SecretRefs(OverlayMerger.Containers(rendered.Get("Deployment", "gateway")).Single());
        var payments = OverlayMerger.Containers(rendered.Get("Deployment", "fee-payments")).Single()
            .Maps("envFrom").Select(s => s.Str("secretRef.name")).OfType<string>().ToList();

        // Banks__<CODE>__Secrets__n verify X-Bank-Signature: without them a bank never gets its own
        // rate-limit bucket. One Secret for both, so a rotation reaches both.
        payments.Should().Contain("fee-payments-bank-secrets");
        gateway.Should().BeEquivalentTo(payments, "the gateway needs the bank secrets, and no database or Dapr token");
    }
}

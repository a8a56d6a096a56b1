using System.Text.Json;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// What the notifications service needs beyond what every service gets (docs/notifications.md):
/// webhooks and mail to public addresses only, and a live stream the ingress passes on unbuffered.
/// Its Deployment, Job, PDB, sidecar rules and boot are covered with the other services.
/// </summary>
public sealed class NotificationsDeploymentTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Notifications_sends_https_and_smtp_to_public_addresses_only(string overlay)
    {
        var (net, pod) = NetworkPolicyTests.Setup(overlay);
        var notifications = pod("notifications");

        foreach (var port in new[] { 443, 587 })
        {
            net.Allows(notifications, Endpoint.At("93.184.216.34"), port).Should().BeTrue($"webhooks and mail go out on {port}");
            net.Allows(notifications, Endpoint.At("2606:2800:220:1::1"), port).Should().BeTrue($"IPv6 receivers on {port}");
            foreach (var inside in new[] { "10.1.2.3", "172.20.0.5", "192.168.1.10", "169.254.169.254", "127.0.0.1", "100.64.0.1", "fd00::1", "fe80::1" })
            {
                net.Allows(notifications, Endpoint.At(inside), port).Should().BeFalse($"{inside}:{port} is private, link-local or loopback");
            }
            foreach (var service in RepoPaths.Services.Append("gateway").Where(s => s != "notifications"))
            {
                net.Allows(notifications, pod(service), port).Should().BeFalse($"no webhook to {service} inside the cluster");
            }
        }
        net.Allows(notifications, Endpoint.At("93.184.216.34"), 25).Should().BeFalse("mail is submitted on 587 only");
        net.Allows(notifications, Endpoint.At("93.184.216.34"), 80).Should().BeFalse("webhooks are https in production");
        net.Allows(notifications, Endpoint.Outside, 5432).Should().BeTrue("its database");
        net.Allows(pod("notifications-migrate"), Endpoint.Outside, 5432).Should().BeTrue("its migration Job");
        var dns = new Endpoint("kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });
        net.Allows(notifications, dns, 53).Should().BeTrue();
        net.Allows(pod("gateway"), notifications, 8080).Should().BeTrue("the gateway routes /api/events and /api/webhooks");
        // The tier-wide rule stays as it was for the others.
        net.Allows(pod("fee-payments"), Endpoint.At("93.184.216.34"), 443).Should().BeTrue();
        net.Allows(pod("fee-payments"), Endpoint.At("93.184.216.34"), 587).Should().BeFalse();
        net.Allows(pod("gateway"), Endpoint.At("93.184.216.34"), 587).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void The_event_stream_is_not_buffered_or_cut_between_heartbeats_by_the_ingress(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var main = rendered.Get("Ingress", "gateway");
        var host = main.Maps("spec.rules").Single().Str("host");
        var stream = rendered.OfKind("Ingress").Where(i => i.Maps("spec.rules").SelectMany(r => r.Maps("http.paths"))
            .Any(p => p.Str("path") == "/api/events/stream")).Should().ContainSingle().Subject;

        var rule = stream.Maps("spec.rules").Should().ContainSingle().Subject;
        rule.Str("host").Should().Be(host, "the stream is served on the API's host");
        var path = rule.Maps("http.paths").Should().ContainSingle().Subject;
        path.Str("pathType").Should().Be("Exact", "only the stream goes unbuffered");
        path.Str("backend.service.name").Should().Be("gateway");
        stream.Maps("spec.tls").SelectMany(t => t.Strings("hosts")).Should().Contain(host!);
        stream.Str("spec.ingressClassName").Should().Be(main.Str("spec.ingressClassName"));

        var annotations = stream.Map("metadata.annotations");
        annotations.Str("nginx.ingress.kubernetes.io/proxy-buffering").Should().Be("off", "each event must reach the client as it is sent");
        annotations.Str("nginx.ingress.kubernetes.io/force-ssl-redirect").Should().Be("true");
        // nginx ends an idle upstream read after proxy-read-timeout; the heartbeat must come well within it.
        var readTimeout = TimeSpan.FromSeconds(int.Parse(annotations.Str("nginx.ingress.kubernetes.io/proxy-read-timeout") ?? "60"));
        readTimeout.Should().BeGreaterThanOrEqualTo(HeartbeatInterval() * 4);
        foreach (var (key, value) in main.Map("metadata.annotations").Where(a => a.Key.Contains("limit-")))
        {
            annotations.Str(key).Should().Be((string?)value, $"{key} applies to the stream too");
        }
        // One certificate per Secret: cert-manager's annotation stays on the main Ingress only.
        annotations.Keys.Should().NotContain(k => k.StartsWith("cert-manager.io/"));
    }

    private static TimeSpan HeartbeatInterval()
    {
        var file = RepoPaths.Path("services", "Notifications", "Notifications.Api", "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return TimeSpan.Parse(json.RootElement.GetProperty("Stream").GetProperty("HeartbeatInterval").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Net;
using Deployment.Tests.Infrastructure;
using G2B.LocalInfra;
using G2B.Testing;

namespace Deployment.Tests.Boot;

/// <summary>The portal's real build with the environment each overlay renders for it.</summary>
[Collection(BootCollection.Name)]
public sealed class PortalBootTests
{
    // The gateway's Service name and the OIDC provider do not resolve here: the portal must still start and be
    // ready, so one outage elsewhere never takes its pages (which explain the outage) out of the ingress.
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public async Task Portal_starts_with_its_rendered_environment_and_is_ready_without_the_gateway(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var deployment = rendered.Get("Deployment", "portal");
        var container = OverlayMerger.Containers(deployment).Single();
        var env = ContainerEnvironment.Resolve(rendered, container, await TestSecrets.CreateAsync("portal"));
        env["Portal__ClientSecret"].Should().Be("boot-test-portal-secret", "the client secret comes from its Secret");
        env["DataProtection__KeysDirectory"].Should().Be(container.Maps("volumeMounts").Single(v => v.Str("name") == "keys").Str("mountPath"));
        var keys = Directory.CreateTempSubdirectory("g2b-portal-keys-");
        // The Secret volume's stand-in: the mounted key ring is a folder here.
        env["DataProtection__KeysDirectory"] = keys.FullName;
        var port = FreePort.Next();
        env["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        env["DOTNET_RUNNING_IN_CONTAINER"] = "true";

        await using var portal = AppProcess.Start(AppProcess.BuildOutput(BootTests.DeployableProject("portal")), env);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await Eventually.HoldsAsync(async () => portal.HasExited || await BootTests.Answers(http, container.Str("livenessProbe.httpGet.path")!),
                "the portal answers its liveness probe", TimeSpan.FromSeconds(90));
            portal.HasExited.Should().BeFalse($"the portal must start with the {overlay} environment:\n{portal.Output}");

            using var ready = await http.GetAsync(container.Str("readinessProbe.httpGet.path"));
            ready.StatusCode.Should().Be(HttpStatusCode.OK, portal.Output);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}

using System.Net;
using System.Text.Json;
using Deployment.Tests.Infrastructure;
using G2B.LocalInfra;
using G2B.Testing;

namespace Deployment.Tests.Boot;

/// <summary>
/// For each overlay and each Deployment: the service's real build started with exactly the
/// environment the rendered manifest gives its app container (Secrets resolved to test values, the
/// database a throwaway PostgreSQL), plus only what the Dapr injector and the image add. It must
/// start unready on an empty schema, become ready once the migration Job's command has run, and
/// name its dead-letter topics after its Dapr app id.
/// </summary>
[Collection(BootCollection.Name)]
public sealed class BootTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    public static TheoryData<string, string> Services()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in RepoPaths.Overlays)
        {
            foreach (var name in RepoPaths.Services)
            {
                data.Add(overlay, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_with_its_rendered_environment_is_ready_only_after_its_migration_job(string overlay, string name)
    {
        var rendered = Kustomize.Render(overlay);
        var deployment = rendered.Get("Deployment", name);
        var annotations = deployment.Map("spec.template.metadata.annotations");
        var secrets = await TestSecrets.CreateAsync(name);
        var dll = AppProcess.BuildOutput(DeployableProject(name));

        await using var sidecar = await StubSidecar.StartAsync(secrets[annotations.Str("dapr.io/api-token-secret")!]["token"]);
        var port = FreePort.Next();
        var env = ContainerEnvironment.Resolve(rendered, OverlayMerger.Containers(deployment).Single(), secrets);
        // The Dapr injector adds the sidecar's ports and the app protocol; the image sets the HTTP
        // port (8080 there, a free one here: this machine is shared).
        env["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString();
        env["DAPR_GRPC_PORT"] = FreePort.Next().ToString();
        env["APP_PROTOCOL"] = annotations.Str("dapr.io/app-protocol")!;
        env["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        env["DOTNET_RUNNING_IN_CONTAINER"] = "true";

        await using var app = AppProcess.Start(dll, env);
        // A generous client timeout: the first /healthz (database, sidecar, schema) on a loaded shared
        // machine took over 10 s once; the test asserts answers, not their speed.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.HoldsAsync(async () => app.HasExited || await Answers(http, "/alive"), $"{name} answers /alive", StartDeadline);
        app.HasExited.Should().BeFalse($"{name} must start with the {overlay} environment:\n{app.Output}");

        // Replicas never migrate: on an empty database the pod is up but not ready.
        var (status, checks) = await Health(http);
        status.Should().Be(HttpStatusCode.ServiceUnavailable, app.Output);
        checks.GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy", checks.ToString());
        checks.GetProperty("schema").GetProperty("status").GetString().Should().Be("Unhealthy");
        checks.GetProperty("dapr-sidecar").GetProperty("status").GetString().Should().Be("Healthy", checks.ToString());

        await RunMigrationJobAsync(rendered, name, secrets, dll);

        await Eventually.HoldsAsync(async () => (await Health(http)).Status == HttpStatusCode.OK,
            $"{name} is ready after its migration Job", StartDeadline);
        await ExpectDeadLettersNamedAfterAppId(http, annotations.Str("dapr.io/app-id")!,
            secrets[annotations.Str("dapr.io/app-token-secret")!]["token"]);
        sidecar.Unauthorized.Should().Be(0, "the app presents DAPR_API_TOKEN on every sidecar call");
        if (name == "licence-applications")
        {
            // The signing key reaches the app from its Secret: the public half is published.
            var jwks = await http.GetStringAsync("/.well-known/jwks.json");
            jwks.Should().Contain("\"kid\":\"boot-test-key\"").And.NotContain("\"d\":", "only public keys are published");
        }
    }

    private static async Task RunMigrationJobAsync(Rendered rendered, string name,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets, string dll)
    {
        var job = rendered.Get("Job", name + "-migrate");
        var container = OverlayMerger.Containers(job).Single();
        // The Job runs the image's entry point (dotnet X.dll) unchanged.
        container.At("command").Should().BeNull();
        container.At("args").Should().BeNull();
        var env = ContainerEnvironment.Resolve(rendered, container, secrets);
        env["ASPNETCORE_HTTP_PORTS"] = FreePort.Next().ToString();
        env["DOTNET_RUNNING_IN_CONTAINER"] = "true";

        await using var migrate = AppProcess.Start(dll, env);
        var exitCode = await migrate.WaitForExitAsync(TimeSpan.FromMinutes(3));
        exitCode.Should().Be(0, $"the {name}-migrate Job must complete:\n{migrate.Output}");
    }

    private static async Task ExpectDeadLettersNamedAfterAppId(HttpClient http, string appId, string appToken)
    {
        // daprd asks with the app token (APP_API_TOKEN), as the sidecar would.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        request.Headers.Add("dapr-api-token", appToken);
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var subscriptions = json.RootElement.EnumerateArray().ToList();
        subscriptions.Should().NotBeEmpty();
        foreach (var s in subscriptions)
        {
            var topic = s.GetProperty("topic").GetString()!;
            var deadLetter = s.TryGetProperty("deadLetterTopic", out var d) ? d.GetString() : null;
            foreach (var named in new[] { deadLetter, topic.EndsWith(".dead-letter") ? topic : null }.OfType<string>())
            {
                named.Should().StartWith(appId + ".", "dead-letter topics are per consumer, named by its app id");
            }
        }
    }

    internal static async Task<bool> Answers(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> Health(HttpClient http)
    {
        using var response = await http.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("checks").Clone());
    }

    public static string DeployableProject(string name) =>
        DockerfileTests.Deployables().Select(r => ((string)r[0], (string)r[1])).Single(r => r.Item1 == name).Item2;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BootCollection
{
    // Service processes are heavy on a shared 2-core machine: one at a time.
    public const string Name = "boot";
}

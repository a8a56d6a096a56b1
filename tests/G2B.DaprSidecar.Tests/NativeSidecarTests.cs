using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Dapr;
using G2B.LocalInfra;

namespace G2B.DaprSidecar.Tests;

/// <summary>
/// The Native AOT build of the sidecar, the one the runner starts (test.sh publishes it; this fixture publishes it
/// itself when it is missing or older than the dll build): it starts from daprd's flags, serves the SDK's publish,
/// delivers to a subscribed app, and answers what the JIT build answers. The other tests here run the same code in
/// this process on the JIT; the trim/AOT analyzers (errors in every build) guard the rest.
/// </summary>
public sealed class NativeSidecarTests(NativeSidecarTests.Binary binary) : IClassFixture<NativeSidecarTests.Binary>
{
    public sealed record Order(string OrderId, int Amount);

    [Fact]
    public async Task The_native_binary_delivers_what_the_dotnet_SDK_publishes_and_answers_metadata_as_the_JIT_build()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("native");
        var resources = Resources.Create(redis.Endpoint);
        await using var app = await SubscriberApp.StartAsync((web, s) =>
            web.MapPost("/orders", s.Handle).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, DeadLetterTopic = topic + "-dead" }));
        await using var native = await NativeSidecar.StartAsync(binary.Path, Sidecars.Unique("native-app"), app.Port, resources);
        using var http = new HttpClient();
        await Eventually.HoldsAsync(() => native.IsReadyAsync(http), "the native sidecar's readiness");

        using var client = new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(native.GrpcEndpoint).UseHttpEndpoint(native.HttpEndpoint).Build();
        await client.PublishEventAsync("pubsub", topic, new Order("n-1", 42));

        await Eventually.HoldsAsync(() => app.On("/orders").Any(), "the delivery through the native sidecar");
        var delivered = app.On("/orders").Single();
        delivered.CloudEvent["data"]!["orderId"]!.GetValue<string>().Should().Be("n-1");
        delivered.CloudEvent["data"]!["amount"]!.GetValue<int>().Should().Be(42);
        delivered.CloudEvent["source"]!.GetValue<string>().Should().Be(native.AppId);
        delivered.Headers.Should().ContainKey("traceparent");

        // Byte for byte what the JIT build writes (source-generated JSON against reflection), but for the app id. (Started
        // only now: its own consumer group would deliver the message above a second time.)
        await using var jit = await Sidecars.StartAsync(Sidecars.Unique("jit-app"), resources, app);
        await Sidecars.WaitReadyAsync(jit);
        var fromNative = await http.GetStringAsync($"{native.HttpEndpoint}/v1.0/metadata");
        var fromJit = await http.GetStringAsync($"{jit.HttpEndpoint}/v1.0/metadata");
        fromNative.Replace(native.AppId, "APP", StringComparison.Ordinal)
            .Should().Be(fromJit.Replace(jit.Options.AppId, "APP", StringComparison.Ordinal));
        JsonNode.Parse(fromNative)!["subscriptions"]!.AsArray().Should().ContainSingle(s => s!["topic"]!.GetValue<string>() == topic);

        // An error body too: the same status and JSON from both.
        var refusedNative = await http.PostAsync($"{native.HttpEndpoint}/v1.0/publish/nope/{topic}", new StringContent("{}"));
        var refusedJit = await http.PostAsync($"{jit.HttpEndpoint}/v1.0/publish/nope/{topic}", new StringContent("{}"));
        refusedNative.StatusCode.Should().Be(refusedJit.StatusCode).And.Be(System.Net.HttpStatusCode.NotFound);
        (await refusedNative.Content.ReadAsStringAsync()).Should().Be(await refusedJit.Content.ReadAsStringAsync())
            .And.Contain("ERR_PUBSUB_NOT_FOUND");
    }

    /// <summary>The published native executable, published first when missing or older than the dll build.</summary>
    public sealed class Binary : IAsyncLifetime
    {
        public string Path { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            var configuration = typeof(Binary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var root = FindRoot();
            var project = System.IO.Path.Combine(root, "tools", "G2B.DaprSidecar");
            var outputFolder = System.IO.Path.Combine(project, "bin", configuration, "native");
            Path = System.IO.Path.Combine(outputFolder, "G2B.DaprSidecar");
            var dll = new FileInfo(System.IO.Path.Combine(project, "bin", configuration, "net10.0", "G2B.DaprSidecar.dll"));
            var native = new FileInfo(Path);
            if (native.Exists && (!dll.Exists || native.LastWriteTimeUtc >= dll.LastWriteTimeUtc))
            {
                return;
            }

            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var arg in new[] { "publish", System.IO.Path.Combine(project, "G2B.DaprSidecar.csproj"), "-c", configuration,
                         "--use-current-runtime", "-p:PublishAot=true", "-o", outputFolder, "-nologo", "-v", "quiet", "-clp:ErrorsOnly" })
            {
                psi.ArgumentList.Add(arg);
            }

            using var publish = Process.Start(psi)!;
            var output = await publish.StandardOutput.ReadToEndAsync();
            await publish.WaitForExitAsync();
            publish.ExitCode.Should().Be(0, "the native publish must succeed: {0}", output);
            File.SetLastWriteTimeUtc(Path, DateTime.UtcNow);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "G2B.Licensing.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("No G2B.Licensing.slnx above the test's folder.");
        }
    }

    /// <summary>The native executable started as the runner starts it: daprd's flags, its own process.</summary>
    private sealed class NativeSidecar : IAsyncDisposable
    {
        private readonly Process _process;

        private NativeSidecar(Process process, string appId, int httpPort, int grpcPort)
        {
            _process = process;
            AppId = appId;
            HttpEndpoint = $"http://127.0.0.1:{httpPort}";
            GrpcEndpoint = $"http://127.0.0.1:{grpcPort}";
        }

        public string AppId { get; }

        public string HttpEndpoint { get; }

        public string GrpcEndpoint { get; }

        /// <summary>Healthz 204; false while the process has not bound its port yet.</summary>
        public async Task<bool> IsReadyAsync(HttpClient http)
        {
            _process.HasExited.Should().BeFalse("the native sidecar must keep running");
            try
            {
                return (await http.GetAsync($"{HttpEndpoint}/v1.0/healthz")).StatusCode == System.Net.HttpStatusCode.NoContent;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public static Task<NativeSidecar> StartAsync(string path, string appId, int appPort, string resources)
        {
            var (http, grpc) = (FreePort.Next(), FreePort.Next());
            var psi = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "--app-id", appId, "--app-port", appPort.ToString(), "--dapr-http-port", http.ToString(),
                         "--dapr-grpc-port", grpc.ToString(), "--resources-path", resources, "--log-level", "warn" })
            {
                psi.ArgumentList.Add(arg);
            }

            var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return Task.FromResult(new NativeSidecar(process, appId, http, grpc));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}

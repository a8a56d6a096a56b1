using System.Diagnostics;
using System.Text.Json.Nodes;

namespace G2B.DaprSidecar.Tests;

/// <summary>
/// The official Dapr JavaScript SDK (@dapr/dapr, pinned in js-sdk/package-lock.json) against the local sidecar: the
/// "other language" of the outside probe (issue 11, point 16), whose gRPC client never started on a sidecar without
/// GetMetadata. The test installs the SDK itself with npm ci into its output folder, so a clean clone runs it.
/// </summary>
public sealed class JsSdkConformanceTests
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    [Fact]
    public async Task The_javascript_sdk_starts_reads_metadata_publishes_and_bulk_publishes_over_grpc_and_http()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "js-sdk");
        await EnsureInstalledAsync(dir);
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("js");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/js", s.Handle).WithTopic("pubsub", topic));
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("js-app"), Resources.Create(redis.Endpoint), app, daprApiToken: "js-token");
        await Sidecars.WaitReadyAsync(sidecar);

        var output = await RunAsync("node", ["probe.mjs"], dir, TimeSpan.FromMinutes(3), new()
        {
            ["SIDECAR_HTTP_PORT"] = sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SIDECAR_GRPC_PORT"] = sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SIDECAR_TOKEN"] = "js-token",
            ["TOPIC"] = topic,
        });

        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        foreach (var protocol in new[] { "grpc", "http" })
        {
            var seen = result[protocol]!;
            seen["id"]!.GetValue<string>().Should().Be(sidecar.Options.AppId, $"{protocol} metadata names the app");
            seen["components"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("pubsub");
            seen["publishError"].Should().BeNull($"{protocol} publish succeeds");
            seen["bulkFailed"]!.AsArray().Should().BeEmpty($"{protocol} bulk publish stores every entry");
        }

        string[] expected = ["js-grpc", "js-grpc-bulk-1", "js-grpc-bulk-2", "js-http", "js-http-bulk-1", "js-http-bulk-2"];
        await Eventually.HoldsAsync(() => app.On("/js").Count() == expected.Length, "every event the SDK published");
        var got = app.On("/js").Select(r => r.CloudEvent).ToList();
        got.Select(ce => ce["data"]!["orderId"]!.GetValue<string>()).Should().BeEquivalentTo(expected);
        got.Should().AllSatisfy(ce => ce["source"]!.GetValue<string>().Should().Be(sidecar.Options.AppId));
    }

    /// <summary>npm ci from the committed lock file, once per output folder (node_modules there is build output).</summary>
    private static async Task EnsureInstalledAsync(string dir)
    {
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(dir, "node_modules", "@dapr", "dapr", "package.json")))
            {
                // No install scripts: nothing in the SDK's tree needs one, and none should run on a test machine.
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], dir, TimeSpan.FromMinutes(8), []);
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<string> RunAsync(string file, string[] args, string dir, TimeSpan limit, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        using var cts = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit}: {await stderr}");
        }

        var output = await stdout;
        process.ExitCode.Should().Be(0, $"{file} {string.Join(' ', args)} failed: {output}{await stderr}");
        return output;
    }
}

using G2B.Journey;
using G2B.Runner.Hosting;
using G2B.Runner.Tye;

namespace G2B.Runner.Cli;

/// <summary>
/// `--demo`: the suite's main job shown once with real ids: a business registers a company,
/// applies for a licence, the demo bank pays it, and the licence is issued and verifiable.
/// </summary>
public static class DemoCommand
{
    /// <summary>The gateway and demo bank of a suite already running on tye.yaml's ports, if there is one.</summary>
    public static async Task<(Uri Gateway, Uri DemoBank)?> RunningSuiteAsync(SuiteOptions options, CancellationToken ct)
    {
        if (options.UseFreePorts)
        {
            return null;
        }

        var root = RepositoryLayout.FindRoot(options.ManifestFile);
        var manifest = TyeParser.ParseFile(Path.Combine(root, options.ManifestFile));
        var gateway = new Uri($"http://{Placeholders.Host}:{manifest.Service("gateway").PrimaryBinding.Port}");
        var bank = new Uri($"http://{Placeholders.Host}:{manifest.Service("demo-bank").PrimaryBinding.Port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            // The gateway's own /healthz is ready without its services; a running suite needs them all.
            using var health = await http.GetAsync(new Uri(gateway, "/healthz/downstreams"), ct);
            return health.IsSuccessStatusCode ? (gateway, bank) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public static async Task<int> RunAsync(Uri gateway, Uri demoBank, ConsoleOutput console, CancellationToken ct)
    {
        using var suiteHttp = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var bankHttp = new HttpClient { BaseAddress = demoBank, Timeout = TimeSpan.FromSeconds(30) };
        console.Block(Environment.NewLine + $"Demo: the licence journey through the gateway at {gateway}");
        var journey = new LicenceJourney(new SuiteApi(suiteHttp), new DemoBankTeller(bankHttp), line => console.Line("demo", line));
        try
        {
            var result = await journey.RunAsync(ct);
            console.Block($"""

                Demo done. Look at it yourself:
                  curl -s {gateway}verify/licences/{result.LicenceNumber} | jq
                """);
            return 0;
        }
        catch (Exception e) when (e is SuiteApiException or TimeoutException or InvalidOperationException or HttpRequestException)
        {
            console.Line("demo", "The journey failed: " + e.Message);
            return 1;
        }
    }
}

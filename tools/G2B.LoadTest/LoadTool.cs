using System.CommandLine;
using G2B.Journey;

namespace G2B.LoadTest;

/// <summary>
/// The load tool: warm-up, the journeys, the gateway's overhead, then a report. Failed requests are
/// results, not errors: the exit code is 1 when any journey failed, and the report says why.
/// </summary>
public static class LoadTool
{
    /// <summary>Parses <paramref name="args"/> and runs; 2 for a command line it cannot use, with the reason on <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        var parsed = LoadOptions.Command((options, c) => RunAsync(options, output, c)).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            output.WriteLine(string.Join(Environment.NewLine, parsed.Errors.Select(e => e.Message).Append("See --help.")));
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, ct);
    }

    private static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken ct)
    {
        // Each running journey also holds one connection open for its event stream (--wait stream).
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
        {
            BaseAddress = options.Gateway,
            Timeout = options.RequestTimeout,
        };
        var suite = new SuiteApi(http);
        var bank = new BankApi(options.Gateway, options.BankCode, options.BankSecret, timeout: options.RequestTimeout);
        // Waits are counted per phase: the report is about the measured journeys.
        Func<CancellationToken, Task<JourneyResult>> Journey(WaitTally waits) =>
            c => new LicenceJourney(suite, bank) { Wait = options.Wait, Waits = waits }.RunAsync(c);

        output.WriteLine($"Warming up ({options.Warmup} journeys) against {options.Gateway} ...");
        var warmup = new JourneyLoad(Journey(new WaitTally()), output);
        await warmup.RunAsync(options.Warmup, 1, ct);

        output.WriteLine($"Running {options.Journeys} journeys, {options.Concurrency} at a time, waiting {Report.WaitMode(options.Wait)} ...");
        var waits = new WaitTally();
        var load = new JourneyLoad(Journey(waits), output);
        await load.RunAsync(options.Journeys, options.Concurrency, ct);

        output.WriteLine();
        output.WriteLine(
            $"journeys completed      {load.Completed} of {options.Journeys} in {load.Elapsed.TotalSeconds:F1} s ({load.Failures.Total} failed)");
        output.WriteLine(
            $"throughput              {load.Completed / Math.Max(load.Elapsed.TotalSeconds, 0.001):F2} journeys/s at concurrency {options.Concurrency}");
        Report.Percentiles(output, "submit-to-issued", load.SubmitToIssued);
        Report.Waits(output, options.Wait, waits);
        Report.Failures(output, "failed journeys by cause", load.Failures);
        if (warmup.Failures.Total > 0)
        {
            Report.Failures(output, "failed warm-up journeys", warmup.Failures);
        }

        output.WriteLine();
        output.WriteLine(
            $"Gateway overhead: {options.Probes} x GET /api/licence-types, direct ({options.Direct}) and through the gateway, interleaved ...");
        await GatewayOverhead.MeasureAsync(options, output, ct);
        return load.Failures.Total == 0 ? 0 : 1;
    }
}

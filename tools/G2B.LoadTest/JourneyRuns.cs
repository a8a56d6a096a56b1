using System.Globalization;
using G2B.Journey;

namespace G2B.LoadTest;

/// <summary>Whole licence journeys: a warm-up, then one measured run per concurrency level, in turn.</summary>
internal static class JourneyRuns
{
    public static async Task<int> RunAsync(LoadOptions options, LoadTarget target, TextWriter output, CancellationToken ct)
    {
        // Each running journey also holds one connection open for its event stream (--wait stream).
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
        {
            BaseAddress = target.Gateway,
            Timeout = options.RequestTimeout,
        };
        var suite = new SuiteApi(http);
        var bank = new BankApi(target.Gateway, options.BankCode, options.BankSecret, timeout: options.RequestTimeout);
        // Waits are counted per phase: the report is about the measured journeys.
        Func<CancellationToken, Task<JourneyResult>> Journey(WaitTally waits) =>
            c => new LicenceJourney(suite, bank) { Wait = options.Wait, Waits = waits }.RunAsync(c);

        output.WriteLine($"Warming up ({options.Warmup} journeys) against {target.Gateway} ...");
        var warmup = new JourneyLoad(Journey(new WaitTally()), output);
        await warmup.RunAsync(options.Warmup, 1, ct);
        if (warmup.Failures.Total > 0)
        {
            Report.Failures(output, "failed warm-up journeys", warmup.Failures);
        }

        var failed = 0;
        foreach (var (concurrency, journeys) in options.Runs)
        {
            output.WriteLine();
            output.WriteLine($"### {journeys} journeys at concurrency {concurrency}");
            output.WriteLine();
            output.WriteLine(options.Rate > 0
                ? $"Running {journeys} journeys, {options.Rate.ToString("0.##", CultureInfo.InvariantCulture)} started a second (at most {concurrency} at a time), waiting {Report.WaitMode(options.Wait)} ..."
                : $"Running {journeys} journeys, {concurrency} at a time, waiting {Report.WaitMode(options.Wait)} ...");
            var waits = new WaitTally();
            var load = new JourneyLoad(Journey(waits), output);
            await target.MeasureAsync(async () =>
            {
                await load.RunAsync(journeys, concurrency, ct, options.Rate);
                output.WriteLine();
                output.WriteLine($"journeys completed      {load.Completed} of {journeys} in {load.Elapsed.TotalSeconds:F1} s ({load.Failures.Total} failed)");
                output.WriteLine($"throughput              {load.Completed / Math.Max(load.Elapsed.TotalSeconds, 0.001):F2} journeys/s at concurrency {concurrency}");
                if (options.Rate > 0)
                {
                    output.WriteLine($"offered                 {options.Rate.ToString("0.##", CultureInfo.InvariantCulture)} journeys/s; {load.LateStarts} started late (all {concurrency} places taken)");
                }

                Report.Percentiles(output, "submit-to-issued", load.SubmitToIssued);
                Report.Percentiles(output, "whole journey", load.Journey);
                if (options.Rate > 0)
                {
                    Report.Percentiles(output, "start after its turn", load.StartDelay);
                }

                Report.Steps(output, load.Steps);
                Report.Waits(output, options.Wait, waits);
                Report.Failures(output, "failed journeys by cause", load.Failures);
                return load.Completed;
            }, completed => completed, "journey", output, ct);
            failed += load.Failures.Total;
        }

        return failed == 0 ? 0 : 1;
    }
}

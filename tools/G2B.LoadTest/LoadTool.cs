using System.CommandLine;
using System.Text.Json;
using G2B.LoadTest.Bank;

namespace G2B.LoadTest;

/// <summary>
/// The load tool: journeys at each concurrency level (or a bank's peak), the gateway's overhead, and
/// (with the runner's suite file) the suite's CPU, memory, exceptions and event hops per run. Failed
/// requests are results, not errors: the exit code is 1 when any journey or bank call failed, and the
/// report says why.
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
        LoadTarget target;
        try
        {
            target = LoadTarget.Resolve(options);
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException)
        {
            output.WriteLine($"Cannot read the suite file {options.SuiteFile}: {e.Message}");
            return 2;
        }

        if (target.Probe is { } probe)
        {
            output.WriteLine($"Measuring the suite of {probe.SuiteFile} (runner pid {probe.Suite().RunnerPid}): CPU and memory from /proc, " +
                "exceptions over EventPipe, event hops from the outbox/inbox tables.");
        }

        var exitCode = options.Mode switch
        {
            LoadMode.Bank => await BankPeak.RunAsync(options, target, output, ct),
            LoadMode.Rest => await RestRun.RunAsync(options, target, output, ct),
            _ => await JourneyRuns.RunAsync(options, target, output, ct),
        };

        if (options.Probes > 0 && options.Mode != LoadMode.Rest)
        {
            output.WriteLine();
            output.WriteLine(
                $"Gateway overhead: {options.Probes} x GET /api/licence-types, direct ({target.Direct}) and through the gateway, interleaved ...");
            await GatewayOverhead.MeasureAsync(options, target, output, ct);
        }

        return exitCode;
    }
}

using System.CommandLine;

namespace G2B.SidecarBench;

/// <summary>Command line: --requests N --warmup N --qps N --payload BYTES [--redis host:port].</summary>
public sealed record BenchOptions(int Requests, int Warmup, int Qps, int PayloadBytes, string? Redis)
{
    // Bounded by design: the bench must finish in seconds on a shared 2-core machine.
    private static readonly Option<int> _requests = Bounded("--requests", 2000, 1, 100_000, "Measured publishes of each kind.");
    private static readonly Option<int> _warmup = Bounded("--warmup", 300, 0, 10_000, "Publishes before the measured ones.");
    private static readonly Option<int> _qps = Bounded("--qps", 500, 1, 10_000, "Publishes a second (one in flight).");
    private static readonly Option<int> _payload = Bounded("--payload", 1024, 1, 1_000_000, "Bytes of payload.");
    private static readonly Option<string?> _redis = new("--redis") { Description = "host:port of a Redis to use instead of a throwaway one." };

    public static RootCommand Command(Func<BenchOptions, Task<int>> run)
    {
        var command = new RootCommand("Publish latency through the local sidecar (gRPC, HTTP, bulk) and publish-to-handler latency.")
        {
            _requests, _warmup, _qps, _payload, _redis,
        };
        command.SetAction(parsed => run(new BenchOptions(
            parsed.GetValue(_requests), parsed.GetValue(_warmup), parsed.GetValue(_qps), parsed.GetValue(_payload), parsed.GetValue(_redis))));
        return command;
    }

    private static Option<int> Bounded(string name, int fallback, int min, int max, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min}-{max})", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var value && (value < min || value > max))
            {
                result.AddError($"{name} must be between {min} and {max}, not {value}.");
            }
        });
        return option;
    }
}

using System.Globalization;

namespace G2B.SidecarBench;

/// <summary>Command line: --requests N --warmup N --qps N --payload BYTES [--redis host:port].</summary>
public sealed record BenchOptions(int Requests, int Warmup, int Qps, int PayloadBytes, string? Redis)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        // Bounded by design: the bench must finish in seconds on a shared 2-core machine.
        return new BenchOptions(
            Math.Clamp(Int("requests", 2000), 1, 100_000),
            Math.Clamp(Int("warmup", 300), 0, 10_000),
            Math.Clamp(Int("qps", 500), 1, 10_000),
            Math.Clamp(Int("payload", 1024), 1, 1_000_000),
            Get("redis"));
    }
}

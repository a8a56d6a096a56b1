using System.Globalization;

namespace G2B.LoadTest.Measurement;

/// <summary>The suite's side of a run as markdown tables (readable in a terminal, pasted as is into docs/benchmarks.md).</summary>
public static class SuiteReport
{
    public static void Write(TextWriter output, WindowResult result, int units, string unit)
    {
        ProcessTable(output, result.Usage, units, unit);
        HopTable(output, result.Hops, result.HopError);
        ChainLines(output, result.Chains);
        ExceptionTable(output, result.Exceptions, result.Unattached, units, unit);
    }

    /// <summary>CPU and memory per process group, busiest first; the suite's total leaves the load tool out, which has its own line.</summary>
    public static void ProcessTable(TextWriter output, IReadOnlyList<ProcessUsage> usage, int units, string unit)
    {
        var suite = usage.Where(u => u.Name != SuiteDescription.LoadToolGroup).OrderByDescending(u => u.CpuSeconds).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        output.WriteLine();
        output.WriteLine($"| process | CPU s | CPU ms/{unit} | RSS MB | PSS MB | processes |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var u in suite)
        {
            output.WriteLine(Row(u.Name, u, units));
        }

        var total = new ProcessUsage("total", suite.Sum(u => u.CpuSeconds), suite.Sum(u => u.RssKb), suite.Sum(u => u.PssKb), suite.Sum(u => u.Processes));
        output.WriteLine(Row("**suite total (without the load tool)**", total, units));
        if (usage.FirstOrDefault(u => u.Name == SuiteDescription.LoadToolGroup) is { } tool)
        {
            output.WriteLine(Row("load tool (apart)", tool, units));
        }

        output.WriteLine();
    }

    /// <summary>Event hops, all together and per producer -> consumer (topic).</summary>
    public static void HopTable(TextWriter output, HopSet? hops, string? error = null)
    {
        if (hops is null)
        {
            output.WriteLine($"event hops: not read ({error ?? "no databases in the suite file"})");
            return;
        }

        output.WriteLine($"event hops (consumer inbox processed_at - producer outbox occurred_at): {hops.Hops.Count} hops of " +
            $"{hops.EventsInWindow} events produced in the window, {hops.EventsNotConsumed} not consumed when read");
        if (hops.Hops.Count == 0)
        {
            return;
        }

        output.WriteLine();
        // The two sides split at the producer's published_at: saved -> in Redis, then Redis -> handled and committed.
        output.WriteLine("| hop | n | p50 ms | p95 ms | p99 ms | max ms | producer side p50 / p95 ms | consumer side p50 / p95 ms |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(HopRow("**all hops**", hops.Hops));
        foreach (var route in hops.Hops.GroupBy(h => h.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine(HopRow(route.Key, [.. route]));
        }

        output.WriteLine();
        StepTable(output, hops);
    }

    /// <summary>
    /// The hops whose stream entry was read, step by step (p50 / p95 ms of each), and the hop as issue 16 defines it:
    /// the producer's commit to the handler's commit.
    /// </summary>
    private static void StepTable(TextWriter output, HopSet hops)
    {
        var stepped = hops.Hops.Where(h => h.Steps is not null).ToList();
        if (stepped.Count == 0)
        {
            return;
        }

        output.WriteLine("hop steps, p50 / p95 ms (save: occurred_at -> the producer's commit returned; claim: -> its dispatcher's claim returned; " +
            "publish: -> Redis added the entry (the gRPC call, the producer's sidecar, its XADD; ms resolution); " +
            "to handler: -> the consumer's inbox INSERT (processed_at); handler: -> the consumer's commit (PostgreSQL's commit timestamp); " +
            "commit to commit: the producer's commit returned -> the consumer's commit):");
        output.WriteLine();
        output.WriteLine("| hop | n | save | claim | publish | to handler | handler | commit to commit p50 / p95 / p99 |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(StepRow("**all hops**", stepped));
        foreach (var route in stepped.GroupBy(h => h.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine(StepRow(route.Key, [.. route]));
        }

        output.WriteLine();
    }

    private static string StepRow(string name, IReadOnlyList<Hop> hops)
    {
        string Step(Func<HopSteps, double?> step)
        {
            var (p50, p95, _, _) = Percentile.Summary(hops.Select(h => step(h.Steps!)).OfType<double>());
            return $"{F(p50, "F1")} / {F(p95, "F1")}";
        }

        var (d50, d95, d99, _) = Percentile.Summary(hops.Select(h => h.Steps!.Durable).OfType<double>());
        return $"| {name} | {hops.Count} | {Step(s => s.Save)} | {Step(s => s.Claim)} | {Step(s => s.Publish)} | " +
            $"{Step(s => s.ToHandler)} | {Step(s => s.Handler)} | {F(d50, "F1")} / {F(d95, "F1")} / {F(d99, "F1")} |";
    }

    /// <summary>Each step that spans services: its delays from the services' outbox timestamps, and the starts not yet ended.</summary>
    public static void ChainLines(TextWriter output, IReadOnlyList<ChainSet> chains)
    {
        foreach (var set in chains.Where(c => c.Milliseconds.Count + c.NotEnded > 0))
        {
            var (p50, p95, p99, max) = Percentile.Summary(set.Milliseconds);
            output.WriteLine($"{set.Chain.Name} ({set.Chain.ToTopic} occurred_at - {set.Chain.FromTopic} occurred_at, per {set.Chain.KeyField}): " +
                $"n {set.Milliseconds.Count}, p50 {F(p50, "F1")} ms, p95 {F(p95, "F1")} ms, p99 {F(p99, "F1")} ms, max {F(max, "F1")} ms; " +
                $"{set.NotEnded} not ended when read");
        }

        output.WriteLine();
    }

    /// <summary>Exceptions thrown per process in the window, with the commonest types.</summary>
    public static void ExceptionTable(TextWriter output, IReadOnlyList<ExceptionCount> counts, IReadOnlyList<string> unattached, int units, string unit)
    {
        var total = counts.Sum(c => c.Total);
        output.WriteLine($"exceptions thrown (first-chance, EventPipe): {total} in all, {F(Per(total, units), "F2")} per {unit}");
        if (unattached.Count > 0)
        {
            output.WriteLine($"not counted (could not attach): {string.Join(", ", unattached)}");
        }

        if (total == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"| process | exceptions | per {unit} | commonest types |");
        output.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var c in counts.Where(c => c.Total > 0).OrderByDescending(c => c.Total))
        {
            var types = string.Join(", ", c.Types.Take(3).Select(t => $"{t.Type} {t.Count}"));
            output.WriteLine($"| {c.Process} | {c.Total} | {F(Per(c.Total, units), "F2")} | {types} |");
        }

        output.WriteLine();
    }

    private static string Row(string name, ProcessUsage u, int units) =>
        $"| {name} | {F(u.CpuSeconds, "F2")} | {F(Per(u.CpuSeconds * 1000, units), "F1")} | {F(u.RssKb / 1024.0, "F0")} | {F(u.PssKb / 1024.0, "F0")} | {u.Processes} |";

    private static string HopRow(string name, IReadOnlyList<Hop> hops)
    {
        var (p50, p95, p99, max) = Percentile.Summary(hops.Select(h => h.Milliseconds));
        var split = hops.Where(h => h.ProducerMilliseconds is not null).ToList();
        var (producer50, producer95, _, _) = Percentile.Summary(split.Select(h => h.ProducerMilliseconds!.Value));
        var (consumer50, consumer95, _, _) = Percentile.Summary(split.Select(h => h.Milliseconds - h.ProducerMilliseconds!.Value));
        return $"| {name} | {hops.Count} | {F(p50, "F1")} | {F(p95, "F1")} | {F(p99, "F1")} | {F(max, "F1")} | " +
            $"{F(producer50, "F1")} / {F(producer95, "F1")} | {F(consumer50, "F1")} / {F(consumer95, "F1")} |";
    }

    private static double Per(double value, int units) => units > 0 ? value / units : double.NaN;

    // Invariant, and "-" where there is nothing to divide by.
    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}

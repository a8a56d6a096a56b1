using G2B.Journey;
using HdrHistogram;

namespace G2B.LoadTest;

internal static class Report
{
    public static void Percentiles(TextWriter output, string name, HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            output.WriteLine($"{name,-24}no samples");
            return;
        }

        static string Ms(long ticks) => $"{TimeSpan.FromTicks(ticks).TotalMilliseconds,8:F2} ms";
        output.WriteLine(
            $"{name,-24}p50 {Ms(histogram.GetValueAtPercentile(50))}  p95 {Ms(histogram.GetValueAtPercentile(95))}  " +
            $"p99 {Ms(histogram.GetValueAtPercentile(99))}  max {Ms(histogram.GetMaxValue())}  (n={histogram.TotalCount})");
    }

    /// <summary>Each step of the completed journeys as the client timed it: where a journey's time went.</summary>
    public static void Steps(TextWriter output, IReadOnlyList<(string Name, LongHistogram Took)> steps)
    {
        if (steps.Count == 0)
        {
            return;
        }

        output.WriteLine("journey steps (client side, each from the end of the one before):");
        foreach (var (name, took) in steps)
        {
            Percentiles(output, $"  {name}", took);
        }
    }

    public static void Failures(TextWriter output, string title, FailureTally failures)
    {
        if (failures.Total == 0)
        {
            return;
        }

        output.WriteLine($"{title}:");
        foreach (var (cause, count) in failures.ByCause)
        {
            output.WriteLine($"{count,8} x {cause}");
        }
    }

    public static string WaitMode(WaitMode mode) => mode == G2B.Journey.WaitMode.Stream
        ? "on the event stream (GET /api/events/stream, then GET to confirm)"
        : "by polling (GET /api/applications/{id})";

    /// <summary>Which way the journeys waited, and (on the stream) how often the stream answered.</summary>
    public static void Waits(TextWriter output, WaitMode mode, WaitTally waits) =>
        output.WriteLine(mode == G2B.Journey.WaitMode.Stream
            ? $"{"waits",-24}stream: {waits.AnsweredByStream} answered by the stream, {waits.FellBack} fell back to GET"
            : $"{"waits",-24}poll: {waits.Polled} answered by polling GET");
}

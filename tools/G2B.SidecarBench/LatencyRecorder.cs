using System.Diagnostics;
using HdrHistogram;

namespace G2B.SidecarBench;

/// <summary>An HdrHistogram in microseconds (1 µs to 60 s, 3 significant digits), safe to record from several threads.</summary>
public sealed class LatencyRecorder(string name)
{
    private readonly LongHistogram _histogram = new(60_000_000, 3);
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Clamp((long)elapsed.TotalMicroseconds, 1, 60_000_000);
        lock (_lock)
        {
            _histogram.RecordValue(micros);
        }
    }

    public string MarkdownRow()
    {
        lock (_lock)
        {
            static string Ms(long micros) => (micros / 1000.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            return $"| {Name} | {_histogram.TotalCount} | {Ms(_histogram.GetValueAtPercentile(50))} | {Ms(_histogram.GetValueAtPercentile(90))} " +
                $"| {Ms(_histogram.GetValueAtPercentile(99))} | {Ms(_histogram.GetMaxValue())} |";
        }
    }
}

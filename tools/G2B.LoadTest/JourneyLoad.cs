using System.Diagnostics;
using G2B.Journey;
using HdrHistogram;

namespace G2B.LoadTest;

/// <summary>
/// Runs a fixed number of journeys, a fixed number at a time. A journey that fails, whatever the
/// reason (a 502, a time-out, a refused connection, an answer that is not JSON), is counted with its
/// cause and the worker takes the next one: one bad answer never ends the run.
/// </summary>
public sealed class JourneyLoad(Func<CancellationToken, Task<JourneyResult>> journey, TextWriter output)
{
    public FailureTally Failures { get; } = new();

    public LongHistogram SubmitToIssued { get; } = new(TimeStamp.Minutes(5), 3);

    public int Completed => (int)SubmitToIssued.TotalCount;

    public TimeSpan Elapsed { get; private set; }

    public async Task RunAsync(int journeys, int concurrency, CancellationToken ct = default)
    {
        var next = 0;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= journeys)
            {
                await RunOneAsync(ct);
            }
        });
        await Task.WhenAll(workers);
        Elapsed = wall.Elapsed;
    }

    private async Task RunOneAsync(CancellationToken ct)
    {
        try
        {
            var result = await journey(ct);
            lock (SubmitToIssued)
            {
                SubmitToIssued.RecordValue(result.SubmitToIssued.Ticks);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Any exception: the tool measures the suite, and a crash would hide every other result.
            var cause = Failures.Add(e);
            lock (output)
            {
                output.WriteLine($"journey failed: {cause}");
            }
        }
    }
}

using System.Diagnostics;
using G2B.Journey;
using HdrHistogram;

namespace G2B.LoadTest;

/// <summary>
/// Runs a fixed number of journeys, a fixed number at a time or started at a fixed rate. A journey that fails, whatever the
/// reason (a 502, a time-out, a refused connection, an answer that is not JSON), is counted with its
/// cause and the worker takes the next one: one bad answer never ends the run.
/// </summary>
public sealed class JourneyLoad(Func<CancellationToken, Task<JourneyResult>> journey, TextWriter output)
{
    public FailureTally Failures { get; } = new();

    public LongHistogram SubmitToIssued { get; } = new(TimeStamp.Minutes(5), 3);

    public int Completed => (int)SubmitToIssued.TotalCount;

    /// <summary>Each completed journey from its first request to its last answer.</summary>
    public LongHistogram Journey { get; } = new(TimeStamp.Minutes(5), 3);

    /// <summary>Open load only: how long after its turn each journey started (0 unless every place was taken).</summary>
    public LongHistogram StartDelay { get; } = new(TimeStamp.Minutes(5), 3);

    /// <summary>Each step's duration over the completed journeys, by step name in the order the journeys ran them.</summary>
    public IReadOnlyList<(string Name, LongHistogram Took)> Steps
    {
        get
        {
            lock (SubmitToIssued)
            {
                return [.. _steps];
            }
        }
    }

    private readonly List<(string Name, LongHistogram Took)> _steps = [];

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Open load only: journeys whose turn came while <c>concurrency</c> others were still running (they started late).</summary>
    public int LateStarts { get; private set; }

    /// <summary>
    /// Closed load (<paramref name="rate"/> 0): <paramref name="concurrency"/> workers, each starting its next journey
    /// when its last one ends. Open load (<paramref name="rate"/> journeys a second): journey i starts at i / rate
    /// seconds whatever the others are doing, as independent businesses arrive, with at most
    /// <paramref name="concurrency"/> running; one that has to wait for a free place starts late and is counted.
    /// </summary>
    public async Task RunAsync(int journeys, int concurrency, CancellationToken ct = default, double rate = 0)
    {
        var wall = Stopwatch.StartNew();
        if (rate > 0)
        {
            await RunOpenAsync(journeys, Math.Max(1, concurrency), rate, wall, ct);
        }
        else
        {
            var next = 0;
            var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= journeys)
                {
                    await RunOneAsync(ct);
                }
            });
            await Task.WhenAll(workers);
        }

        Elapsed = wall.Elapsed;
    }

    private async Task RunOpenAsync(int journeys, int concurrency, double rate, Stopwatch wall, CancellationToken ct)
    {
        using var places = new SemaphoreSlim(concurrency);
        var running = new List<Task>(journeys);
        var interval = TimeSpan.FromSeconds(1 / rate);
        for (var i = 0; i < journeys; i++)
        {
            var due = interval * i;
            if (due > wall.Elapsed)
            {
                await Task.Delay(due - wall.Elapsed, ct);
            }

            // Late: its turn came with every place taken (a slow timer is not counted, only a full house).
            if (!places.Wait(0, ct))
            {
                LateStarts++;
                await places.WaitAsync(ct);
            }

            StartDelay.RecordValue(Math.Max(0, (wall.Elapsed - due).Ticks));

            running.Add(RunAndFreeAsync());
        }

        await Task.WhenAll(running);

        async Task RunAndFreeAsync()
        {
            try
            {
                await RunOneAsync(ct);
            }
            finally
            {
                places.Release();
            }
        }
    }

    private async Task RunOneAsync(CancellationToken ct)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = await journey(ct);
            var took = Stopwatch.GetElapsedTime(started);
            lock (SubmitToIssued)
            {
                SubmitToIssued.RecordValue(result.SubmitToIssued.Ticks);
                Journey.RecordValue(took.Ticks);
                foreach (var step in result.Steps)
                {
                    var index = _steps.FindIndex(s => s.Name == step.Name);
                    if (index < 0)
                    {
                        _steps.Add((step.Name, new LongHistogram(TimeStamp.Minutes(5), 3)));
                        index = _steps.Count - 1;
                    }

                    _steps[index].Took.RecordValue(Math.Max(0, step.Took.Ticks));
                }
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

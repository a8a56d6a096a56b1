namespace G2B.Runner.Supervision;

/// <summary>
/// Restarts a unit every time it dies, as Tye and Kubernetes do, with a growing backoff that resets
/// after a stable run, and says so in the output. Cancelling the token is the deliberate stop:
/// from then on nothing is restarted.
/// </summary>
public sealed class Supervisor(SupervisedUnit unit, RestartPolicy policy, TimeProvider time, Action<string> log)
{
    private int _restarts;
    private int _attempts;

    public string Name => unit.Name;

    /// <summary>How often the unit came back (started and healthy again) since the suite started.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Restarts tried, successful or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Supervises until <paramref name="ct"/> is cancelled; never throws for a crash or a failed restart.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var crashesInARow = 0;
        var upSince = time.GetUtcNow();
        try
        {
            while (true)
            {
                var exitCode = await ExitOfAsync(ct);
                // A deliberate stop takes the processes down too: their exit is not a crash.
                ct.ThrowIfCancellationRequested();
                crashesInARow = time.GetUtcNow() - upSince >= policy.StableAfter ? 1 : crashesInARow + 1;
                var attempt = Interlocked.Increment(ref _attempts);
                var delay = policy.DelayFor(crashesInARow);
                // The timer exists before the line is out: whoever reads the line may move a fake clock.
                var backoff = Task.Delay(delay, time, ct);
                log($"{unit.Name} exited ({(exitCode is { } code ? $"exit code {code}" : "exit code unknown")}); " +
                    $"restart {attempt} in {delay.TotalSeconds:0.#} s");
                await backoff;
                try
                {
                    await unit.StartAsync(ct);
                    upSince = time.GetUtcNow();
                    var restarts = Interlocked.Increment(ref _restarts);
                    log($"{unit.Name} is back after restart {attempt} ({restarts} successful so far)");
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Counts as another crash in a row: the next wait returns at once and waits longer.
                    upSince = time.GetUtcNow();
                    log($"{unit.Name} did not come back on restart {attempt}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
    }

    // A supervisor that died of its own error would leave its process unsupervised without a word.
    private async Task<int?> ExitOfAsync(CancellationToken ct)
    {
        try
        {
            return await unit.WaitForExitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log($"{unit.Name} could not be watched ({e.Message}); taking it for dead");
            return null;
        }
    }
}

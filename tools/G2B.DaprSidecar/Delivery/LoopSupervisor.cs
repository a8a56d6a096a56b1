using System.Collections.Concurrent;
using System.Diagnostics;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Delivery;

/// <summary>
/// Runs the sidecar's background loops so none can die silently: a fault is logged, the loop is restarted with a
/// growing backoff, and until the restarted loop reports a good round the sidecar's /v1.0/healthz answers 500.
/// A dead delivery loop once left a sidecar answering 204 while it delivered nothing (issue 11, point 1).
/// </summary>
public sealed class LoopSupervisor(SidecarOptions options, ILogger<LoopSupervisor> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, string> _down = new(StringComparer.Ordinal);

    public bool Healthy => _down.IsEmpty;

    /// <summary>Each loop that faulted and has not yet completed a round since, with the fault's message.</summary>
    public IReadOnlyDictionary<string, string> Down => _down;

    /// <summary>Called by a loop after each good round: a restarted loop counts as up only once it works again.</summary>
    public void Alive(string loop)
    {
        if (_down.TryRemove(loop, out _))
        {
            logger.LogInformation("Loop {Loop} is running again", loop);
        }
    }

    public async Task RunAsync(string loop, Func<CancellationToken, Task> body, CancellationToken stop)
    {
        var backoff = options.LoopRestartBackoff;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await body(stop);
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                // A loop that returns while the sidecar runs has stopped working just as one that throws.
                _down[loop] = "ended unexpectedly";
                logger.LogError("Loop {Loop} ended unexpectedly; restarting in {Backoff}", loop, backoff);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _down[loop] = $"{ex.GetType().Name}: {ex.Message}";
                logger.LogError(ex, "Loop {Loop} faulted; restarting in {Backoff}", loop, backoff);
            }

            // A loop that had run well for a while before failing starts its backoff over.
            if (Stopwatch.GetElapsedTime(started) > MaxBackoff)
            {
                backoff = options.LoopRestartBackoff;
            }

            try
            {
                await Task.Delay(backoff, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}

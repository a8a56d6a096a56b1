using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G2B.ServiceDefaults;

/// <summary>
/// A background job that runs one pass, then waits <see cref="Interval"/>, for as long as the host runs.
/// <see cref="Enabled"/> and <see cref="Interval"/> are read at each round, so changed settings apply from
/// the next one. A failed pass (the database down) is logged and the next round tries again: a failure
/// never stops the schedule. The wait is on <paramref name="time"/>, so tests may move it.
/// </summary>
public abstract class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>A switched-off job keeps its schedule but runs no pass.</summary>
    protected virtual bool Enabled => true;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Enabled)
            {
                try
                {
                    await RunPassAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "{Job} failed; the next round tries again", GetType().Name);
                }
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

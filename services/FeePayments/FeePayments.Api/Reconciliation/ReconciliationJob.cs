using Microsoft.Extensions.Options;

namespace FeePayments.Api.Reconciliation;

/// <summary>Runs reconciliation on an interval (<c>Reconciliation:Interval</c>) unless switched off.</summary>
internal sealed class ReconciliationJob(
    ReconciliationRunner runner, IOptionsMonitor<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            if (settings.Enabled)
            {
                try
                {
                    await runner.RunAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A failing run (database down) must not stop the schedule.
                    logger.LogError(ex, "Reconciliation run failed");
                }
            }

            try
            {
                await Task.Delay(settings.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

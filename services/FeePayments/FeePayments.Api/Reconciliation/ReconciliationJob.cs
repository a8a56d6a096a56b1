using Microsoft.Extensions.Options;

namespace FeePayments.Api.Reconciliation;

/// <summary>Runs reconciliation on an interval (<c>Reconciliation:Interval</c>) unless switched off.</summary>
internal sealed class ReconciliationJob(
    ReconciliationRunner runner, IOptionsMonitor<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationJob> logger)
    : PeriodicJob(time, logger)
{
    protected override bool Enabled => options.CurrentValue.Enabled;

    protected override TimeSpan Interval => options.CurrentValue.Interval;

    protected override Task RunPassAsync(CancellationToken ct) => runner.RunAsync(ct);
}

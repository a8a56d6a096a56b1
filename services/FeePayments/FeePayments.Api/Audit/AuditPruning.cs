using Microsoft.Extensions.Options;

namespace FeePayments.Api.Audit;

/// <summary>
/// Deletes audit attempts past the retention, in batches. The ledger stays append-only for everything
/// else: its trigger lets a DELETE through only inside a transaction that has declared a prune cutoff
/// (<see cref="CutoffSetting"/>), and only for rows received before it; UPDATE and TRUNCATE never pass.
/// </summary>
public sealed class AuditPruning(FeePaymentsDbContext db, TimeProvider time, IOptionsMonitor<AuditOptions> options,
    ILogger<AuditPruning> logger)
{
    /// <summary>Transaction-local PostgreSQL setting the append-only trigger reads (migration AuditRetention).</summary>
    public const string CutoffSetting = "fee_payments.audit_prune_before";

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        // Microseconds, as PostgreSQL stores them: the trigger and the DELETE then compare the very same instant.
        var cutoff = BankPayment.NormalizeTime(time.GetUtcNow() - settings.Retention);
        var size = Math.Max(1, settings.PruneBatchSize);
        var total = 0;
        int batch;
        do
        {
            batch = await db.Database.CreateExecutionStrategy().ExecuteAsync(c => PruneBatchAsync(cutoff, size, c), ct);
            total += batch;
        }
        while (batch == size && !ct.IsCancellationRequested);

        if (total > 0)
        {
            logger.LogInformation("Pruned {Count} bank audit attempts received before {Cutoff}", total, cutoff);
        }

        return total;
    }

    private async Task<int> PruneBatchAsync(DateTimeOffset cutoff, int size, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var text = cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"SELECT set_config({CutoffSetting}, {text}, true)", ct);
        var deleted = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM payment_attempts WHERE id IN (
                SELECT id FROM payment_attempts WHERE received_at < {cutoff} ORDER BY received_at LIMIT {size})
            """, ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }
}

/// <summary>Runs <see cref="AuditPruning"/> every <c>PaymentAudit:PruneInterval</c>, like the outbox's pruning.</summary>
internal sealed class AuditPruningJob(
    IServiceScopeFactory scopes, IOptionsMonitor<AuditOptions> options, TimeProvider time, ILogger<AuditPruningJob> logger)
    : ScopedPeriodicJob<AuditPruning>(scopes, time, logger)
{
    protected override bool Enabled => options.CurrentValue.PruneEnabled;

    protected override TimeSpan Interval => options.CurrentValue.PruneInterval;

    protected override Task RunPassAsync(AuditPruning pruning, CancellationToken ct) => pruning.PruneAsync(ct);
}

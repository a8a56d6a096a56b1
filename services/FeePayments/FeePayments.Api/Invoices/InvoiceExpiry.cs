using FeePayments.Contracts;
using Microsoft.Extensions.Options;

namespace FeePayments.Api.Invoices;

/// <summary>
/// Expires open invoices past their due date, in batches. SKIP LOCKED lets several replicas share the
/// work, and skips an invoice a payment holds right now: that payment decides its fate under the lock.
/// </summary>
public sealed class InvoiceExpiry(FeePaymentsDbContext db, TimeProvider time, IOptionsMonitor<InvoiceOptions> options,
    ILogger<InvoiceExpiry> logger)
{
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var total = 0;
        int batch;
        do
        {
            batch = await db.Database.CreateExecutionStrategy().ExecuteAsync(ExpireBatchAsync, ct);
            total += batch;
        }
        while (batch > 0 && !ct.IsCancellationRequested);

        return total;
    }

    private async Task<int> ExpireBatchAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var size = options.CurrentValue.ExpiryBatchSize;
        var open = nameof(InvoiceStatus.Open);
        var due = await db.Invoices
            .FromSql($"""
                SELECT *, xmin FROM invoices WHERE status = {open} AND due_at <= {now}
                ORDER BY due_at LIMIT {size} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        foreach (var invoice in due.Where(i => i.Expire(now)))
        {
            db.AddIntegrationEvent(
                new InvoiceExpiredIntegrationEvent(invoice.ApplicationId, invoice.PaymentReference, now),
                invoice.ApplicationId.ToString());
            logger.LogInformation("Invoice {PaymentReference} expired unpaid", invoice.PaymentReference);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return due.Count;
    }
}

/// <summary>Runs <see cref="InvoiceExpiry"/> every <c>Invoices:ExpiryInterval</c>.</summary>
internal sealed class InvoiceExpiryJob(
    IServiceScopeFactory scopes, IOptionsMonitor<InvoiceOptions> options, TimeProvider time, ILogger<InvoiceExpiryJob> logger)
    : ScopedPeriodicJob<InvoiceExpiry>(scopes, time, logger)
{
    protected override bool Enabled => options.CurrentValue.ExpiryEnabled;

    protected override TimeSpan Interval => options.CurrentValue.ExpiryInterval;

    protected override Task RunPassAsync(InvoiceExpiry expiry, CancellationToken ct) => expiry.ExpireDueAsync(ct);
}

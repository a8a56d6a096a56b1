namespace FeePayments.Api.Audit;

/// <summary>Configuration section <c>PaymentAudit</c>: how long the bank audit ledger (payment_attempts) is kept.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "PaymentAudit";

    /// <summary>
    /// Attempts (raw callback bodies, duplicates and invalid ones included) older than this are deleted.
    /// Payments, invoices and payment exceptions are never pruned: they are the money record.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    public bool PruneEnabled { get; set; } = true;

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per transaction, so a first prune of a large ledger never holds long locks.</summary>
    public int PruneBatchSize { get; set; } = 1000;
}

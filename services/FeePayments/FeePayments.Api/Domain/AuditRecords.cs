namespace FeePayments.Api.Domain;

/// <summary>
/// One row per confirmation attempt, whatever its outcome: the audit ledger. Append-only: code
/// never updates it and a database trigger rejects UPDATE and DELETE.
/// </summary>
public sealed class PaymentAttempt
{
    public long Id { get; set; }
    public string BankCode { get; set; } = null!;
    public string? BankTransactionId { get; set; }
    public string? PaymentReference { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public PaymentSource Source { get; set; }
    public string Outcome { get; set; } = null!;

    /// <summary>The request body as received (callbacks only); a bank body holds no secrets.</summary>
    public string? RawBody { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// Money a person has to resolve, unique per bank and transaction: a transaction reconciliation could not
/// apply (reason = the outcome's slug), or a payment for an application cancelled meanwhile (a refund).
/// </summary>
public sealed class PaymentException
{
    /// <summary>Reason of a payment whose application was cancelled: the fee was taken and must be returned.</summary>
    public const string ApplicationCancelled = "application-cancelled";

    public long Id { get; set; }
    public string BankCode { get; set; } = null!;
    public string BankTransactionId { get; set; } = null!;
    public string PaymentReference { get; set; } = null!;
    public decimal Amount { get; set; }
    public string Currency { get; set; } = null!;
    public DateTimeOffset PaidAt { get; set; }
    public string Reason { get; set; } = null!;
    public DateTimeOffset DetectedAt { get; set; }
}

/// <summary>Per-bank high-water mark of reconciliation: the <c>since</c> of the next request.</summary>
public sealed class ReconciliationCursor
{
    public string BankCode { get; set; } = null!;
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

namespace FeePayments.Api.Domain;

/// <summary>How a payment reached the suite: the bank's callback or the reconciliation job.</summary>
public enum PaymentSource
{
    Callback,
    Reconciliation,
}

/// <summary>
/// A validated payment as a bank reported it, already normalised: canonical reference, upper-case
/// currency, <see cref="PaidAt"/> in UTC truncated to PostgreSQL's microseconds so that a retry
/// compares equal to what was stored.
/// </summary>
public sealed record BankPayment(
    string BankCode,
    string PaymentReference,
    decimal Amount,
    string Currency,
    string BankTransactionId,
    DateTimeOffset PaidAt,
    PaymentSource Source)
{
    public static DateTimeOffset NormalizeTime(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}

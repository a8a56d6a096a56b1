namespace FeePayments.Api.Domain;

/// <summary>Every answer a confirmation can get; the wire names are the contract's words and slugs.</summary>
public enum PaymentOutcome
{
    Accepted,
    Duplicate,
    TransactionConflict,
    AlreadyPaid,
    UnknownPaymentReference,
    AmountMismatch,
    CurrencyMismatch,
    InvoiceExpired,
    Invalid,
}

public static class PaymentOutcomeNames
{
    public static string ToSlug(this PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Accepted => "accepted",
        PaymentOutcome.Duplicate => "duplicate",
        PaymentOutcome.TransactionConflict => "transaction-conflict",
        PaymentOutcome.AlreadyPaid => "already-paid",
        PaymentOutcome.UnknownPaymentReference => "unknown-payment-reference",
        PaymentOutcome.AmountMismatch => "amount-mismatch",
        PaymentOutcome.CurrencyMismatch => "currency-mismatch",
        PaymentOutcome.InvoiceExpired => "invoice-expired",
        PaymentOutcome.Invalid => "validation",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Outcomes a person has to resolve when reconciliation finds them (money arrived but cannot be applied).</summary>
    public static bool NeedsPerson(this PaymentOutcome outcome) =>
        outcome is not (PaymentOutcome.Accepted or PaymentOutcome.Duplicate);
}

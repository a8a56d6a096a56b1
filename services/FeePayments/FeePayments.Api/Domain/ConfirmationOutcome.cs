namespace FeePayments.Api.Domain;

/// <summary>
/// Every answer a bank's payment confirmation can get, from the callback or from reconciliation;
/// the wire names are the contract's words and slugs.
/// </summary>
public enum ConfirmationOutcome
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

public static class ConfirmationOutcomeNames
{
    public static string ToSlug(this ConfirmationOutcome outcome) => outcome switch
    {
        ConfirmationOutcome.Accepted => "accepted",
        ConfirmationOutcome.Duplicate => "duplicate",
        ConfirmationOutcome.TransactionConflict => "transaction-conflict",
        ConfirmationOutcome.AlreadyPaid => "already-paid",
        ConfirmationOutcome.UnknownPaymentReference => "unknown-payment-reference",
        ConfirmationOutcome.AmountMismatch => "amount-mismatch",
        ConfirmationOutcome.CurrencyMismatch => "currency-mismatch",
        ConfirmationOutcome.InvoiceExpired => "invoice-expired",
        ConfirmationOutcome.Invalid => "validation",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Outcomes a person has to resolve when reconciliation finds them (money arrived but cannot be applied).</summary>
    public static bool NeedsPerson(this ConfirmationOutcome outcome) =>
        outcome is not (ConfirmationOutcome.Accepted or ConfirmationOutcome.Duplicate);
}

/// <summary>
/// What the domain made of one confirmation: the outcome, the payment to store when it was
/// <see cref="ConfirmationOutcome.Accepted"/>, and whether the invoice expired just now (found past
/// due while still open), which its owner must announce.
/// </summary>
public sealed record PaymentAcceptance(ConfirmationOutcome Outcome, Payment? Payment = null, bool ExpiredNow = false)
{
    /// <summary>No invoice has the payment's reference.</summary>
    public static PaymentAcceptance UnknownReference { get; } = new(ConfirmationOutcome.UnknownPaymentReference);
}

using FeePayments.Api.Domain;

namespace FeePayments.Api.Payments;

/// <summary>
/// What a confirmation is, decided from the locked invoice and any earlier payment of the same bank
/// transaction. Pure, so the rules are tested without a database; PaymentConfirmationService applies them.
/// </summary>
public static class PaymentDecision
{
    /// <summary>The contract's answers, in order of precedence.</summary>
    public static PaymentOutcome Decide(BankPayment payment, Invoice? invoice, Payment? earlier, DateTimeOffset now)
    {
        if (earlier is not null)
        {
            return earlier.SameAs(payment) ? PaymentOutcome.Duplicate : PaymentOutcome.TransactionConflict;
        }

        if (invoice is null)
        {
            return PaymentOutcome.UnknownPaymentReference;
        }

        return invoice.Status switch
        {
            InvoiceStatus.Paid => PaymentOutcome.AlreadyPaid,
            InvoiceStatus.Expired => PaymentOutcome.InvoiceExpired,
            _ when invoice.DueAt <= now => PaymentOutcome.InvoiceExpired,
            _ when !string.Equals(invoice.Currency, payment.Currency, StringComparison.Ordinal) => PaymentOutcome.CurrencyMismatch,
            // decimal equality: 150.5 and 150.50 are the same amount, 150.49 is not.
            _ when invoice.Amount != payment.Amount => PaymentOutcome.AmountMismatch,
            _ => PaymentOutcome.Accepted,
        };
    }
}

namespace FeePayments.Api.Domain;

/// <summary>
/// An accepted bank payment. Unique per (bank, transaction id) and per invoice in the database,
/// which is what makes a confirmation take effect at most once.
/// </summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Payment(Guid invoiceId, BankPayment request, DateTimeOffset acceptedAt)
    {
        Id = Guid.CreateVersion7();
        InvoiceId = invoiceId;
        BankCode = request.BankCode;
        BankTransactionId = request.BankTransactionId;
        PaymentReference = request.PaymentReference;
        Amount = request.Amount;
        Currency = request.Currency;
        PaidAt = request.PaidAt;
        AcceptedAt = acceptedAt;
    }

    public Guid Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string BankCode { get; private set; } = null!;
    public string BankTransactionId { get; private set; } = null!;
    public string PaymentReference { get; private set; } = null!;
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = null!;
    public DateTimeOffset PaidAt { get; private set; }
    public DateTimeOffset AcceptedAt { get; private set; }

    /// <summary>
    /// A confirmation of this payment's bank transaction, again: the bank's retry of this very payment
    /// (same body) is a duplicate, anything else a conflict. Decided before the invoice is looked at.
    /// </summary>
    public PaymentAcceptance Reconfirm(BankPayment request) =>
        new(SameAs(request) ? ConfirmationOutcome.Duplicate : ConfirmationOutcome.TransactionConflict);

    private bool SameAs(BankPayment request) =>
        PaymentReference == request.PaymentReference && Amount == request.Amount
        && Currency == request.Currency && PaidAt == request.PaidAt;
}

namespace FeePayments.Api.Domain;

public enum InvoiceStatus
{
    Open,
    Paid,
    Expired,
}

/// <summary>The fee of one licence application, payable at any participating bank with its reference.</summary>
public sealed class Invoice
{
    private Invoice()
    {
    }

    public Invoice(Guid applicationId, string paymentReference, decimal amount, string currency,
        string ownerSubject, string payeeName, DateTimeOffset issuedAt, DateTimeOffset dueAt)
    {
        Id = Guid.CreateVersion7();
        ApplicationId = applicationId;
        PaymentReference = paymentReference;
        Amount = amount;
        Currency = currency;
        OwnerSubject = ownerSubject;
        PayeeName = payeeName;
        IssuedAt = issuedAt;
        DueAt = dueAt;
        Status = InvoiceStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string PaymentReference { get; private set; } = null!;
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = null!;

    /// <summary>The business user who submitted the application: the only business that may read the invoice.</summary>
    public string OwnerSubject { get; private set; } = null!;

    /// <summary>Company legal name, shown to banks as the payee of the bill.</summary>
    public string PayeeName { get; private set; } = null!;

    public InvoiceStatus Status { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? BankCode { get; private set; }
    public string? BankTransactionId { get; private set; }
    public DateTimeOffset? ExpiredAt { get; private set; }

    /// <summary>PostgreSQL xmin: a lost update between two writers fails instead of silently winning.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// Takes a bank's payment of this invoice at <paramref name="now"/>, or says why not, in the contract's
    /// order of precedence. Only an open invoice, not yet due, paid in its currency and to the exact amount
    /// (decimal equality: 150.5 and 150.50 are the same amount, 150.49 is not) becomes Paid; an open one
    /// found past due expires here, since the caller holds its row lock and the expiry job may not have run.
    /// </summary>
    public PaymentAcceptance Accept(BankPayment payment, DateTimeOffset now)
    {
        if (Status == InvoiceStatus.Paid)
        {
            return new PaymentAcceptance(ConfirmationOutcome.AlreadyPaid);
        }

        if (Status == InvoiceStatus.Expired)
        {
            return new PaymentAcceptance(ConfirmationOutcome.InvoiceExpired);
        }

        if (DueAt <= now)
        {
            return new PaymentAcceptance(ConfirmationOutcome.InvoiceExpired, ExpiredNow: Expire(now));
        }

        if (!string.Equals(Currency, payment.Currency, StringComparison.Ordinal))
        {
            return new PaymentAcceptance(ConfirmationOutcome.CurrencyMismatch);
        }

        if (Amount != payment.Amount)
        {
            return new PaymentAcceptance(ConfirmationOutcome.AmountMismatch);
        }

        Status = InvoiceStatus.Paid;
        BankCode = payment.BankCode;
        BankTransactionId = payment.BankTransactionId;
        PaidAt = payment.PaidAt;
        return new PaymentAcceptance(ConfirmationOutcome.Accepted, new Payment(Id, payment, now));
    }

    /// <summary>Only an open invoice expires; returns false when there was nothing to do.</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Open)
        {
            return false;
        }

        Status = InvoiceStatus.Expired;
        ExpiredAt = now;
        return true;
    }
}

namespace FeePayments.Tests;

/// <summary>
/// The contract's answers to a confirmation, decided by the domain without a database: an earlier payment
/// of the same bank transaction first (<see cref="Payment.Reconfirm"/>), then the invoice
/// (<see cref="Invoice.Accept"/>): precedence, the due instant, what "the same payment" means, and what
/// accepting or expiring changes.
/// </summary>
public class InvoiceAcceptanceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private const string Reference = "RF18539007547034";

    private static Invoice OpenInvoice(DateTimeOffset? dueAt = null) =>
        new(Guid.NewGuid(), Reference, 150.50m, "TMT", "user-1", "Demo LLC", Now.AddDays(-1), dueAt ?? Now.AddDays(29));

    private static Invoice PaidInvoice(string bankTransactionId = "txn-0")
    {
        var invoice = OpenInvoice();
        invoice.Accept(Paying() with { BankTransactionId = bankTransactionId }, Now.AddHours(-1)).Outcome
            .Should().Be(ConfirmationOutcome.Accepted);
        return invoice;
    }

    private static BankPayment Paying(decimal amount = 150.50m, string currency = "TMT", string reference = Reference,
        DateTimeOffset? paidAt = null) =>
        new("TESTBANK", reference, amount, currency, "txn-1", paidAt ?? Now.AddHours(-2), PaymentSource.Callback);

    private static ConfirmationOutcome Accept(BankPayment payment, Invoice invoice) => invoice.Accept(payment, Now).Outcome;

    [Fact]
    public void The_exact_fee_in_the_invoice_currency_before_the_due_instant_is_accepted() =>
        Accept(Paying(), OpenInvoice()).Should().Be(ConfirmationOutcome.Accepted);

    [Fact]
    public void The_same_amount_written_with_more_zeros_is_the_same_amount() =>
        Accept(Paying(amount: 150.500m), OpenInvoice()).Should().Be(ConfirmationOutcome.Accepted);

    [Theory]
    [InlineData(150.49)]
    [InlineData(150.51)]
    public void A_cent_more_or_less_is_an_amount_mismatch(decimal amount) =>
        Accept(Paying(amount: amount), OpenInvoice()).Should().Be(ConfirmationOutcome.AmountMismatch);

    [Fact]
    public void Another_currency_is_a_currency_mismatch_even_with_the_right_amount() =>
        Accept(Paying(currency: "USD"), OpenInvoice()).Should().Be(ConfirmationOutcome.CurrencyMismatch);

    [Fact]
    public void An_invoice_is_expired_from_its_due_instant_on()
    {
        Accept(Paying(), OpenInvoice(dueAt: Now)).Should().Be(ConfirmationOutcome.InvoiceExpired);
        Accept(Paying(), OpenInvoice(dueAt: Now.AddTicks(1))).Should().Be(ConfirmationOutcome.Accepted);
    }

    [Fact]
    public void Past_due_wins_over_a_wrong_amount_or_currency() =>
        Accept(Paying(amount: 1m, currency: "USD"), OpenInvoice(dueAt: Now.AddDays(-1))).Should().Be(ConfirmationOutcome.InvoiceExpired);

    [Fact]
    public void An_open_invoice_found_past_due_expires_at_once_and_says_it_did_so_just_now()
    {
        var invoice = OpenInvoice(dueAt: Now.AddMinutes(-5));

        var acceptance = invoice.Accept(Paying(), Now);

        acceptance.Should().Be(new PaymentAcceptance(ConfirmationOutcome.InvoiceExpired, Payment: null, ExpiredNow: true));
        invoice.Should().BeEquivalentTo(new { Status = InvoiceStatus.Expired, ExpiredAt = (DateTimeOffset?)Now, PaidAt = (DateTimeOffset?)null });
        invoice.Accept(Paying(), Now.AddMinutes(1)).Should().Be(new PaymentAcceptance(ConfirmationOutcome.InvoiceExpired),
            "an invoice expires once; the second refusal announces nothing");
    }

    [Fact]
    public void An_expired_or_paid_invoice_says_so_before_any_field_is_compared()
    {
        var expired = OpenInvoice();
        expired.Expire(Now.AddHours(-1));

        Accept(Paying(amount: 1m), expired).Should().Be(ConfirmationOutcome.InvoiceExpired);
        Accept(Paying(amount: 1m), PaidInvoice()).Should().Be(ConfirmationOutcome.AlreadyPaid);
        expired.Accept(Paying(), Now).ExpiredNow.Should().BeFalse("it had expired before");
    }

    [Fact]
    public void A_reference_without_an_invoice_is_unknown() =>
        PaymentAcceptance.UnknownReference.Should().Be(new PaymentAcceptance(ConfirmationOutcome.UnknownPaymentReference));

    [Fact]
    public void A_retry_of_an_accepted_transaction_is_a_duplicate()
    {
        var invoice = OpenInvoice();
        var payment = Paying();
        var accepted = invoice.Accept(payment, Now).Payment!;

        accepted.Reconfirm(payment).Should().Be(new PaymentAcceptance(ConfirmationOutcome.Duplicate));
        invoice.Accept(payment, Now).Outcome.Should().Be(ConfirmationOutcome.AlreadyPaid,
            "which is why the earlier payment is asked first");
    }

    public static TheoryData<string, BankPayment> OneFieldChanged => new()
    {
        { "reference", Paying(reference: "RF71539007547034") },
        { "amount", Paying(amount: 150.51m) },
        { "currency", Paying(currency: "USD") },
        { "paidAt", Paying(paidAt: Now.AddHours(-2).AddTicks(10)) },
    };

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void A_transaction_id_reused_with_any_field_changed_is_a_transaction_conflict(string field, BankPayment changed)
    {
        var earlier = new Payment(Guid.NewGuid(), Paying(), Now);

        earlier.Reconfirm(changed).Should().Be(new PaymentAcceptance(ConfirmationOutcome.TransactionConflict), field);
        earlier.Reconfirm(Paying()).Outcome.Should().Be(ConfirmationOutcome.Duplicate);
    }

    [Fact]
    public void Accepting_records_the_bank_transaction_on_the_invoice_and_gives_the_payment_to_store()
    {
        var invoice = OpenInvoice();
        var paying = Paying() with { BankTransactionId = "txn-9" };

        var acceptance = invoice.Accept(paying, Now);

        acceptance.ExpiredNow.Should().BeFalse();
        invoice.Should().BeEquivalentTo(new
        {
            Status = InvoiceStatus.Paid, BankCode = "TESTBANK", BankTransactionId = "txn-9", PaidAt = (DateTimeOffset?)paying.PaidAt,
            ExpiredAt = (DateTimeOffset?)null,
        });
        acceptance.Payment.Should().BeEquivalentTo(new
        {
            InvoiceId = invoice.Id, BankCode = "TESTBANK", BankTransactionId = "txn-9", PaymentReference = Reference,
            Amount = 150.50m, Currency = "TMT", paying.PaidAt, AcceptedAt = Now,
        });
    }

    [Fact]
    public void A_refused_payment_changes_nothing_and_a_paid_invoice_keeps_its_first_payment()
    {
        var invoice = OpenInvoice();
        invoice.Accept(Paying(amount: 1m), Now).Payment.Should().BeNull();
        invoice.Accept(Paying(currency: "USD"), Now).Payment.Should().BeNull();
        invoice.Should().BeEquivalentTo(new { Status = InvoiceStatus.Open, PaidAt = (DateTimeOffset?)null, BankTransactionId = (string?)null });

        var paid = PaidInvoice("txn-first");
        paid.Accept(Paying() with { BankTransactionId = "txn-second" }, Now).Payment.Should().BeNull();
        paid.BankTransactionId.Should().Be("txn-first");
    }

    [Fact]
    public void Only_an_open_invoice_expires_and_only_once()
    {
        var invoice = OpenInvoice();
        invoice.Expire(Now).Should().BeTrue();
        invoice.Expire(Now.AddDays(1)).Should().BeFalse();
        invoice.Should().BeEquivalentTo(new { Status = InvoiceStatus.Expired, ExpiredAt = (DateTimeOffset?)Now });

        var paid = PaidInvoice();
        paid.Expire(Now).Should().BeFalse();
        paid.Status.Should().Be(InvoiceStatus.Paid);
        paid.ExpiredAt.Should().BeNull();
    }

    [Theory]
    [InlineData(ConfirmationOutcome.Accepted, "accepted", false)]
    [InlineData(ConfirmationOutcome.Duplicate, "duplicate", false)]
    [InlineData(ConfirmationOutcome.TransactionConflict, "transaction-conflict", true)]
    [InlineData(ConfirmationOutcome.AlreadyPaid, "already-paid", true)]
    [InlineData(ConfirmationOutcome.UnknownPaymentReference, "unknown-payment-reference", true)]
    [InlineData(ConfirmationOutcome.AmountMismatch, "amount-mismatch", true)]
    [InlineData(ConfirmationOutcome.CurrencyMismatch, "currency-mismatch", true)]
    [InlineData(ConfirmationOutcome.InvoiceExpired, "invoice-expired", true)]
    [InlineData(ConfirmationOutcome.Invalid, "validation", true)]
    public void Each_outcome_has_the_contracts_slug_and_only_money_applied_needs_no_person(
        ConfirmationOutcome outcome, string slug, bool needsPerson)
    {
        outcome.ToSlug().Should().Be(slug);
        outcome.NeedsPerson().Should().Be(needsPerson);
    }

    [Fact]
    public void An_outcome_the_contract_does_not_name_has_no_slug() =>
        ((Action)(() => ((ConfirmationOutcome)99).ToSlug())).Should().Throw<ArgumentOutOfRangeException>();
}

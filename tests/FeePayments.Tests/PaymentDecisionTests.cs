using FeePayments.Api.Domain;
using FeePayments.Api.Payments;

namespace FeePayments.Tests;

/// <summary>
/// The contract's answers to a confirmation, decided from the invoice and any earlier payment of the
/// same bank transaction, without a database: precedence, the due instant, and what "the same payment" means.
/// </summary>
public class PaymentDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private const string Reference = "RF18539007547034";

    private static Invoice OpenInvoice(DateTimeOffset? dueAt = null) =>
        new(Guid.NewGuid(), Reference, 150.50m, "TMT", "user-1", "Demo LLC", Now.AddDays(-1), dueAt ?? Now.AddDays(29));

    private static BankPayment Paying(decimal amount = 150.50m, string currency = "TMT", string reference = Reference,
        DateTimeOffset? paidAt = null) =>
        new("TESTBANK", reference, amount, currency, "txn-1", paidAt ?? Now.AddHours(-2), PaymentSource.Callback);

    private static PaymentOutcome Decide(BankPayment payment, Invoice? invoice, Payment? earlier = null) =>
        PaymentDecision.Decide(payment, invoice, earlier, Now);

    [Fact]
    public void The_exact_fee_in_the_invoice_currency_before_the_due_instant_is_accepted() =>
        Decide(Paying(), OpenInvoice()).Should().Be(PaymentOutcome.Accepted);

    [Fact]
    public void The_same_amount_written_with_more_zeros_is_the_same_amount() =>
        Decide(Paying(amount: 150.500m), OpenInvoice()).Should().Be(PaymentOutcome.Accepted);

    [Theory]
    [InlineData(150.49)]
    [InlineData(150.51)]
    public void A_cent_more_or_less_is_an_amount_mismatch(decimal amount) =>
        Decide(Paying(amount: amount), OpenInvoice()).Should().Be(PaymentOutcome.AmountMismatch);

    [Fact]
    public void Another_currency_is_a_currency_mismatch_even_with_the_right_amount() =>
        Decide(Paying(currency: "USD"), OpenInvoice()).Should().Be(PaymentOutcome.CurrencyMismatch);

    [Fact]
    public void An_invoice_is_expired_from_its_due_instant_on()
    {
        Decide(Paying(), OpenInvoice(dueAt: Now)).Should().Be(PaymentOutcome.InvoiceExpired);
        Decide(Paying(), OpenInvoice(dueAt: Now.AddTicks(1))).Should().Be(PaymentOutcome.Accepted);
    }

    [Fact]
    public void Past_due_wins_over_a_wrong_amount_or_currency() =>
        Decide(Paying(amount: 1m, currency: "USD"), OpenInvoice(dueAt: Now.AddDays(-1))).Should().Be(PaymentOutcome.InvoiceExpired);

    [Fact]
    public void An_expired_or_paid_invoice_says_so_before_any_field_is_compared()
    {
        var expired = OpenInvoice();
        expired.Expire(Now.AddHours(-1));
        var paid = OpenInvoice();
        paid.MarkPaid("OTHERBANK", "txn-0", Now.AddHours(-3));

        Decide(Paying(amount: 1m), expired).Should().Be(PaymentOutcome.InvoiceExpired);
        Decide(Paying(amount: 1m), paid).Should().Be(PaymentOutcome.AlreadyPaid);
    }

    [Fact]
    public void A_reference_without_an_invoice_is_unknown() =>
        Decide(Paying(), invoice: null).Should().Be(PaymentOutcome.UnknownPaymentReference);

    [Fact]
    public void A_retry_of_an_accepted_transaction_is_a_duplicate_even_though_the_invoice_is_now_paid()
    {
        var invoice = OpenInvoice();
        var payment = Paying();
        invoice.MarkPaid(payment.BankCode, payment.BankTransactionId, payment.PaidAt);

        Decide(payment, invoice, new Payment(invoice.Id, payment, Now)).Should().Be(PaymentOutcome.Duplicate);
        Decide(payment, invoice: null, new Payment(invoice.Id, payment, Now)).Should().Be(PaymentOutcome.Duplicate);
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

        earlier.SameAs(changed).Should().BeFalse(field);
        earlier.SameAs(Paying()).Should().BeTrue();
        Decide(changed, OpenInvoice(), earlier).Should().Be(PaymentOutcome.TransactionConflict);
    }

    [Fact]
    public void Paying_records_the_bank_transaction_and_only_an_open_invoice_can_be_paid()
    {
        var invoice = OpenInvoice();
        invoice.MarkPaid("TESTBANK", "txn-9", Now.AddHours(-1));

        invoice.Should().BeEquivalentTo(new
        {
            Status = InvoiceStatus.Paid, BankCode = "TESTBANK", BankTransactionId = "txn-9", PaidAt = (DateTimeOffset?)Now.AddHours(-1),
        });
        var again = () => invoice.MarkPaid("TESTBANK", "txn-10", Now);
        again.Should().Throw<InvalidOperationException>().WithMessage($"*{Reference}*Paid*");
        invoice.BankTransactionId.Should().Be("txn-9");

        var expired = OpenInvoice();
        expired.Expire(Now);
        ((Action)(() => expired.MarkPaid("TESTBANK", "txn-11", Now))).Should().Throw<InvalidOperationException>();
        expired.PaidAt.Should().BeNull();
    }

    [Fact]
    public void Only_an_open_invoice_expires_and_only_once()
    {
        var invoice = OpenInvoice();
        invoice.Expire(Now).Should().BeTrue();
        invoice.Expire(Now.AddDays(1)).Should().BeFalse();
        invoice.Should().BeEquivalentTo(new { Status = InvoiceStatus.Expired, ExpiredAt = (DateTimeOffset?)Now });

        var paid = OpenInvoice();
        paid.MarkPaid("TESTBANK", "txn-1", Now);
        paid.Expire(Now).Should().BeFalse();
        paid.Status.Should().Be(InvoiceStatus.Paid);
        paid.ExpiredAt.Should().BeNull();
    }

    [Theory]
    [InlineData(PaymentOutcome.Accepted, "accepted", false)]
    [InlineData(PaymentOutcome.Duplicate, "duplicate", false)]
    [InlineData(PaymentOutcome.TransactionConflict, "transaction-conflict", true)]
    [InlineData(PaymentOutcome.AlreadyPaid, "already-paid", true)]
    [InlineData(PaymentOutcome.UnknownPaymentReference, "unknown-payment-reference", true)]
    [InlineData(PaymentOutcome.AmountMismatch, "amount-mismatch", true)]
    [InlineData(PaymentOutcome.CurrencyMismatch, "currency-mismatch", true)]
    [InlineData(PaymentOutcome.InvoiceExpired, "invoice-expired", true)]
    [InlineData(PaymentOutcome.Invalid, "validation", true)]
    public void Each_outcome_has_the_contracts_slug_and_only_money_applied_needs_no_person(
        PaymentOutcome outcome, string slug, bool needsPerson)
    {
        outcome.ToSlug().Should().Be(slug);
        outcome.NeedsPerson().Should().Be(needsPerson);
    }

    [Fact]
    public void An_outcome_the_contract_does_not_name_has_no_slug() =>
        ((Action)(() => ((PaymentOutcome)99).ToSlug())).Should().Throw<ArgumentOutOfRangeException>();
}

using FeePayments.Contracts;
using Microsoft.EntityFrameworkCore;

namespace FeePayments.Tests;

public class BankPaymentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task Confirmation_pays_the_invoice_and_publishes_invoice_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 150.00m);

        var response = await _scenario.PayAsync(invoice, "txn-accept", amount: 150.0m);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(response)).Should().Be("accepted");
        var paid = await _scenario.InvoiceForAsync(invoice.ApplicationId);
        paid!.Status.Should().Be(InvoiceStatus.Paid);
        paid.BankCode.Should().Be(FeePaymentsApp.Bank);
        paid.BankTransactionId.Should().Be("txn-accept");
        (await _scenario.OutboxAsync(InvoicePaidIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Duplicate_bank_confirmation_changes_nothing()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        var body = Scenario.Confirmation(invoice, "txn-dup");
        (await _scenario.ConfirmAsync(bank, body)).EnsureSuccessStatusCode();

        var again = await _scenario.ConfirmAsync(bank, body);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(again)).Should().Be("duplicate");
        (await _scenario.OutboxAsync(InvoicePaidIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Same_transaction_id_with_another_body_is_transaction_conflict()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var other = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(invoice, "txn-conflict")).EnsureSuccessStatusCode();

        var response = await _scenario.PayAsync(other, "txn-conflict");

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.Conflict, "transaction-conflict"));
        (await _scenario.InvoiceForAsync(other.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
    }

    [Fact]
    public async Task Another_transaction_for_a_paid_invoice_is_already_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(invoice, "txn-first")).EnsureSuccessStatusCode();

        var response = await _scenario.PayAsync(invoice, "txn-second");

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.Conflict, "already-paid"));
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.BankTransactionId.Should().Be("txn-first");
    }

    [Fact]
    public async Task Wrong_amount_currency_or_reference_is_422()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 150.00m);
        using var bank = fixture.App.BankClient();

        var amount = await _scenario.PayAsync(invoice, "txn-amt", amount: 149.99m);
        var currency = await _scenario.PayAsync(invoice, "txn-cur", currency: "USD");
        var unknown = await _scenario.ConfirmAsync(bank, new
        {
            paymentReference = "RF18539007547034", amount = 150.00m, currency = "TMT",
            bankTransactionId = "txn-unknown", paidAt = "2026-11-27T10:00:00Z",
        });

        (await amount.ProblemAsync()).Should().Be((HttpStatusCode.UnprocessableEntity, "amount-mismatch"));
        (await currency.ProblemAsync()).Should().Be((HttpStatusCode.UnprocessableEntity, "currency-mismatch"));
        (await unknown.ProblemAsync()).Should().Be((HttpStatusCode.UnprocessableEntity, "unknown-payment-reference"));
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
    }

    [Fact]
    public async Task Paying_a_cancelled_invoice_is_invoice_expired()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        await _scenario.DeliverAsync(new LicenceApplications.Contracts.ApplicationCancelledIntegrationEvent(invoice.ApplicationId, DateTimeOffset.UtcNow));

        var response = await _scenario.PayAsync(invoice, "txn-expired");

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.UnprocessableEntity, "invoice-expired"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"paymentReference\":\"RF18539007547034\",\"amount\":150.001,\"currency\":\"TMT\",\"bankTransactionId\":\"t\",\"paidAt\":\"2026-11-27T10:00:00Z\"}")]
    [InlineData("{\"paymentReference\":\"RF18539007547034\",\"amount\":\"150\",\"currency\":\"TMT\",\"bankTransactionId\":\"t\",\"paidAt\":\"2026-11-27T10:00:00Z\"}")]
    [InlineData("{\"paymentReference\":\"RF18539007547034\",\"amount\":-5,\"currency\":\"TMT\",\"bankTransactionId\":\"t\",\"paidAt\":\"2026-11-27T10:00:00Z\"}")]
    [InlineData("{\"paymentReference\":\"RF18539007547034\",\"amount\":150,\"currency\":\"TM\",\"bankTransactionId\":\"t\",\"paidAt\":\"yesterday\"}")]
    public async Task Malformed_body_is_a_400_validation_problem_with_field_errors(string body)
    {
        using var bank = fixture.App.BankClient();
        var response = await bank.PostAsync("/bank/v1/payments", new StringContent(body, Encoding.UTF8, "application/json"));

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.BadRequest, "validation"));
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errors\"");
    }

    [Fact]
    public async Task Every_attempt_is_in_the_ledger_and_the_ledger_cannot_be_rewritten()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        await _scenario.PayAsync(invoice, "txn-ledger", amount: 1m);
        await _scenario.PayAsync(invoice, "txn-ledger");
        await _scenario.PayAsync(invoice, "txn-ledger");

        var outcomes = await _scenario.QueryAsync(db => db.PaymentAttempts
            .Where(a => a.BankTransactionId == "txn-ledger").OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync());
        outcomes.Should().Equal("amount-mismatch", "accepted", "duplicate");

        var update = () => _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE payment_attempts SET outcome = 'accepted'"));
        var delete = () => _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM payment_attempts"));
        await update.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.MessageText.Contains("append-only"));
        await delete.Should().ThrowAsync<Npgsql.PostgresException>();
    }

    [Fact]
    public async Task Database_refuses_a_second_payment_for_one_invoice_even_bypassing_the_code()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(invoice, "txn-db-1")).EnsureSuccessStatusCode();

        var insert = () => _scenario.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO payments (id, invoice_id, bank_code, bank_transaction_id, payment_reference, amount, currency, paid_at, accepted_at)
            SELECT gen_random_uuid(), invoice_id, bank_code, 'txn-db-2', payment_reference, amount, currency, paid_at, accepted_at
            FROM payments WHERE bank_transaction_id = 'txn-db-1'
            """));
        await insert.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.SqlState == "23505");
    }
}

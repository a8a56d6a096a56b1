using FeePayments.Api.Banks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests;

/// <summary>
/// A bank code names one bank whatever its spelling: it is canonicalised (upper case) before anything is
/// looked up or stored, so a bank retrying under another spelling is told "duplicate", never "refund".
/// </summary>
public class BankCodeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Theory]
    [InlineData("testbank")]
    [InlineData("TestBank")]
    [InlineData("TESTBANK")]
    public void Any_spelling_of_a_configured_code_finds_the_bank_under_its_canonical_code(string spelling)
    {
        var banks = fixture.App.Services.GetRequiredService<BankDirectory>();

        banks.Find(spelling)!.Code.Should().Be(FeePaymentsApp.Bank);
        banks.All().Select(b => b.Code).Should().OnlyContain(c => c == c.ToUpperInvariant());
    }

    [Fact]
    public async Task A_payment_confirmed_in_lower_case_is_stored_under_the_canonical_code()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var lower = fixture.App.BankClient(FeePaymentsApp.Bank.ToLowerInvariant());

        (await _scenario.ConfirmAsync(lower, Scenario.Confirmation(invoice, "code-lower"))).EnsureSuccessStatusCode();

        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.BankCode.Should().Be(FeePaymentsApp.Bank);
        var stored = await _scenario.QueryAsync(db => db.Payments.AsNoTracking()
            .Where(p => p.BankTransactionId == "code-lower").Select(p => p.BankCode).ToListAsync());
        stored.Should().Equal(FeePaymentsApp.Bank);
        var audited = await _scenario.QueryAsync(db => db.PaymentAttempts.AsNoTracking()
            .Where(a => a.BankTransactionId == "code-lower").Select(a => a.BankCode).ToListAsync());
        audited.Should().Equal(FeePaymentsApp.Bank);
    }

    [Fact]
    public async Task The_same_transaction_retried_under_another_spelling_is_a_duplicate_not_already_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var body = Scenario.Confirmation(invoice, "code-retry");
        using var lower = fixture.App.BankClient("testbank");
        using var upper = fixture.App.BankClient("TESTBANK");
        using var mixed = fixture.App.BankClient("TestBank");

        var first = await _scenario.ConfirmAsync(lower, body);
        var second = await _scenario.ConfirmAsync(upper, body);
        var third = await _scenario.ConfirmAsync(mixed, body);

        (await Scenario.StatusAsync(first)).Should().Be("accepted");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(second)).Should().Be("duplicate");
        (await Scenario.StatusAsync(third)).Should().Be("duplicate");
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id))).Should().Be(1);
    }

    [Fact]
    public async Task Another_transaction_id_under_another_spelling_is_still_already_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var lower = fixture.App.BankClient("testbank");
        using var upper = fixture.App.BankClient("TESTBANK");
        (await _scenario.ConfirmAsync(lower, Scenario.Confirmation(invoice, "code-a"))).EnsureSuccessStatusCode();

        var response = await _scenario.ConfirmAsync(upper, Scenario.Confirmation(invoice, "code-b"));

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.Conflict, "already-paid"));
    }

    [Theory]
    [InlineData("UNKNOWNBANK")]
    [InlineData("TEST-BANK")]
    [InlineData("tëstbank")]
    public async Task A_code_that_is_no_spelling_of_a_configured_bank_is_401(string code)
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient(code);

        var response = await _scenario.ConfirmAsync(bank, Scenario.Confirmation(invoice, "code-unknown"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
    }

    [Fact]
    public async Task The_database_refuses_a_bank_code_that_is_not_canonical()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var other = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        (await _scenario.PayAsync(invoice, "code-db")).EnsureSuccessStatusCode();

        // The same bank transaction paying another invoice under another spelling: what the old code let through.
        var insert = () => _scenario.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO payments (id, invoice_id, bank_code, bank_transaction_id, payment_reference, amount, currency, paid_at, accepted_at)
            SELECT gen_random_uuid(), {other.Id}, lower(bank_code), bank_transaction_id, {other.PaymentReference}, amount, currency, paid_at, accepted_at
            FROM payments WHERE bank_transaction_id = 'code-db'
            """));
        await insert.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.SqlState == "23514");
    }
}

using FeePayments.Contracts;
using Microsoft.EntityFrameworkCore;

namespace FeePayments.Tests;

public class ConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Parallel = 50;
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<List<string>> RaceAsync(Func<int, object> body, Func<int, string>? bankCode = null)
    {
        // One client per spelling of the bank code (all the same one bank by default).
        var banks = Enumerable.Range(0, Parallel).Select(i => bankCode?.Invoke(i) ?? FeePaymentsApp.Bank).Distinct()
            .ToDictionary(code => code, code => fixture.App.BankClient(code));
        using var start = new SemaphoreSlim(0, Parallel);
        var tasks = Enumerable.Range(0, Parallel).Select(async i =>
        {
            await start.WaitAsync();
            var bank = banks[bankCode?.Invoke(i) ?? FeePaymentsApp.Bank];
            var response = await _scenario.ConfirmAsync(bank, body(i));
            return response.StatusCode == HttpStatusCode.OK
                ? await Scenario.StatusAsync(response)
                : await response.ProblemTypeAsync();
        }).ToList();
        start.Release(Parallel);
        try
        {
            return [.. await Task.WhenAll(tasks)];
        }
        finally
        {
            foreach (var client in banks.Values)
            {
                client.Dispose();
            }
        }
    }

    private async Task<int> PaidEventsAsync(Invoice invoice) =>
        (await _scenario.OutboxAsync(InvoicePaidIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal));

    [Fact]
    public async Task Fifty_parallel_retries_of_one_transaction_give_one_accepted_and_duplicates()
    {
        var invoice = await _scenario.IssueInvoiceAsync();

        var answers = await RaceAsync(_ => Scenario.Confirmation(invoice, "race-same"));

        answers.Count(a => a == "accepted").Should().Be(1);
        answers.Count(a => a == "duplicate").Should().Be(Parallel - 1);
        (await PaidEventsAsync(invoice)).Should().Be(1);
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id))).Should().Be(1);
        (await _scenario.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.BankTransactionId == "race-same")))
            .Should().Be(Parallel);
    }

    [Fact]
    public async Task Fifty_parallel_retries_under_different_spellings_of_the_bank_code_give_one_accepted_and_duplicates()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        string[] spellings = ["TESTBANK", "testbank", "TestBank", "tESTBANK"];

        var answers = await RaceAsync(_ => Scenario.Confirmation(invoice, "race-spelling"), i => spellings[i % spellings.Length]);

        answers.Count(a => a == "accepted").Should().Be(1);
        answers.Count(a => a == "duplicate").Should().Be(Parallel - 1);
        (await PaidEventsAsync(invoice)).Should().Be(1);
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.BankTransactionId == "race-spelling"))).Should().Be(1);
        (await _scenario.QueryAsync(db => db.PaymentAttempts
            .Where(a => a.BankTransactionId == "race-spelling").Select(a => a.BankCode).Distinct().ToListAsync()))
            .Should().Equal(FeePaymentsApp.Bank);
    }

    [Fact]
    public async Task Fifty_parallel_different_transactions_give_one_accepted_and_already_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();

        var answers = await RaceAsync(i => Scenario.Confirmation(invoice, $"race-diff-{i}"));

        answers.Count(a => a == "accepted").Should().Be(1);
        answers.Count(a => a == "already-paid").Should().Be(Parallel - 1);
        (await PaidEventsAsync(invoice)).Should().Be(1);
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id))).Should().Be(1);
    }

    [Fact]
    public async Task One_transaction_id_raced_against_two_invoices_is_accepted_once_and_conflicts_otherwise()
    {
        var first = await _scenario.IssueInvoiceAsync();
        var second = await _scenario.IssueInvoiceAsync();

        var answers = await RaceAsync(i => Scenario.Confirmation(i % 2 == 0 ? first : second, "race-cross"));

        answers.Count(a => a == "accepted").Should().Be(1);
        answers.Where(a => a != "accepted").Should().OnlyContain(a => a == "duplicate" || a == "transaction-conflict");
        (await PaidEventsAsync(first) + await PaidEventsAsync(second)).Should().Be(1);
    }
}

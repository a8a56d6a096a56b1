using FeePayments.Api.Payments;
using FeePayments.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests;

/// <summary>
/// The confirmation's answer to a lost race, made to happen on demand: a trigger (of this test's database
/// only) refuses chosen rows the way a concurrent winner's unique index would, and counts each try in a
/// sequence, which a rollback does not undo.
/// </summary>
public class ConfirmationRetryTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private readonly Scenario _scenario = fixture.Scenario;

    public Task InitializeAsync() => _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
        CREATE SEQUENCE IF NOT EXISTS test_tries;
        CREATE SEQUENCE IF NOT EXISTS test_lost_once;
        CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.bank_transaction_id LIKE 'raced-%' THEN
                PERFORM nextval('test_tries');
                RAISE EXCEPTION 'a concurrent confirmation won' USING ERRCODE = 'unique_violation';
            ELSIF NEW.bank_transaction_id LIKE 'broken-%' THEN
                PERFORM nextval('test_tries');
                RAISE EXCEPTION 'not a race' USING ERRCODE = 'check_violation';
            ELSIF NEW.bank_transaction_id LIKE 'lost-once-%' THEN
                IF nextval('test_lost_once') = 1 THEN
                    RAISE EXCEPTION 'a concurrent confirmation won' USING ERRCODE = 'unique_violation';
                END IF;
            END IF;
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER test_refuse_payments BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION test_refuse();
        CREATE OR REPLACE TRIGGER test_refuse_exceptions BEFORE INSERT ON payment_exceptions FOR EACH ROW EXECUTE FUNCTION test_refuse();
        """));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_confirmation_that_keeps_losing_a_race_is_decided_four_times_then_fails()
    {
        var tries = await TriesAsync();
        var failure = await ConfirmAsync("raced-always");

        failure.Should().BeOfType<DbUpdateException>();
        (await TriesAsync() - tries).Should().Be(4, "three more decisions after the first lost race, no more");
    }

    [Fact]
    public async Task A_confirmation_that_lost_a_race_once_is_decided_again_from_what_the_database_holds()
    {
        var invoice = await _scenario.IssueInvoiceAsync();

        // The first try is refused as a winner's unique index would refuse it; the second goes through.
        var outcome = await ConfirmAsync(invoice, "lost-once-1");

        (await _scenario.QueryAsync(db => db.Database
            .SqlQueryRaw<long>("SELECT last_value AS \"Value\" FROM test_lost_once").SingleAsync())).Should().Be(2, "one refused try, one decided again");
        outcome.Should().Be(ConfirmationOutcome.Accepted, "nothing the lost try changed in memory (the invoice marked paid) is carried into the next");
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id))).Should().Be(1);
        (await _scenario.QueryAsync(db => db.PaymentAttempts.Where(a => a.BankTransactionId == "lost-once-1").Select(a => a.Outcome).ToListAsync()))
            .Should().Equal(["accepted"], "the lost try's ledger row rolled back with it");
        (await _scenario.OutboxAsync(InvoicePaidIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task A_failure_that_is_not_a_lost_race_is_not_tried_again()
    {
        var tries = await TriesAsync();
        var failure = await ConfirmAsync("broken-once");

        failure.Should().BeOfType<DbUpdateException>();
        (await TriesAsync() - tries).Should().Be(1);
    }

    [Fact]
    public async Task An_unappliable_transaction_that_lost_its_race_leaves_nothing_behind_for_the_next()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PaymentConfirmationService>();
        var paidAt = DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        await service.RecordUnappliableAsync(FeePaymentsApp.Bank, "raced-unappliable", "RF00", 1.001m, "TMT", paidAt, CancellationToken.None);
        await service.RecordUnappliableAsync(FeePaymentsApp.Bank, "after-the-race", "RF00", 1.001m, "TMT", paidAt, CancellationToken.None);

        var recorded = await _scenario.QueryAsync(db => db.PaymentExceptions
            .Where(e => e.BankTransactionId == "raced-unappliable" || e.BankTransactionId == "after-the-race")
            .Select(e => e.BankTransactionId).ToListAsync());
        recorded.Should().Equal(["after-the-race"], "the winner of the race recorded the first; the second is ours alone");
    }

    private Task<long> TriesAsync() =>
        _scenario.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS \"Value\" FROM test_tries").SingleAsync());

    private async Task<Exception?> ConfirmAsync(string transactionId)
    {
        try
        {
            await ConfirmAsync(await _scenario.IssueInvoiceAsync(), transactionId);
            return null;
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return e;
        }
    }

    private async Task<ConfirmationOutcome> ConfirmAsync(Invoice invoice, string transactionId)
    {
        var payment = new BankPayment(FeePaymentsApp.Bank, invoice.PaymentReference, invoice.Amount, invoice.Currency, transactionId,
            DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), PaymentSource.Callback);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PaymentConfirmationService>();
        // Bounded: a retry loop without its limit must fail this test, not hang it.
        return await service.ConfirmAsync(payment, rawBody: null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
    }
}

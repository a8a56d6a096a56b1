using FeePayments.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests;

/// <summary>
/// A reconciled bank transaction that cannot even be read as a payment still becomes work for a person:
/// one exception per bank transaction, its values cut to what the ledger's columns hold.
/// </summary>
public class UnappliableTransactionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task RecordAsync(string transactionId, string reference, string currency)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentConfirmationService>().RecordUnappliableAsync(
            FeePaymentsApp.Bank, transactionId, reference, 150.00m, currency,
            DateTimeOffset.Parse("2026-11-27T12:00:00.1234567+02:00", System.Globalization.CultureInfo.InvariantCulture),
            CancellationToken.None);
    }

    [Fact]
    public async Task An_unreadable_transaction_is_one_exception_with_its_values_cut_to_the_column_sizes()
    {
        var transactionId = "unappliable-" + new string('t', 120);
        var reference = "RF" + new string('9', 80);

        await RecordAsync(transactionId, reference, "TMTTMTTMTT");
        await RecordAsync(transactionId, reference, "TMTTMTTMTT"); // the next run sees it again

        var stored = await _scenario.QueryAsync(db => db.PaymentExceptions.AsNoTracking()
            .Where(e => e.BankTransactionId.StartsWith("unappliable-")).ToListAsync());
        stored.Should().ContainSingle();
        stored[0].Should().BeEquivalentTo(new
        {
            BankCode = FeePaymentsApp.Bank,
            BankTransactionId = transactionId[..100],
            PaymentReference = reference[..64],
            Currency = "TMTTMTTM",
            Reason = "validation",
            PaidAt = DateTimeOffset.Parse("2026-11-27T10:00:00.123456Z", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public async Task Values_that_fit_are_kept_whole()
    {
        await RecordAsync("unappliable-short", "RF18539007547034", "tmt");

        var stored = await _scenario.QueryAsync(db => db.PaymentExceptions.AsNoTracking()
            .SingleAsync(e => e.BankTransactionId == "unappliable-short"));
        stored.Should().BeEquivalentTo(new { PaymentReference = "RF18539007547034", Currency = "tmt" });
    }
}

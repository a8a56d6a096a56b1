using FeePayments.Api.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests;

// Small batches, so a prune of a few rows already takes several transactions.
public sealed class AuditRetentionFixture() : AppFixture(("PaymentAudit:Retention", "30.00:00:00"), ("PaymentAudit:PruneBatchSize", "2"));

/// <summary>The bank audit ledger is pruned after PaymentAudit:Retention and stays append-only otherwise.</summary>
public class AuditRetentionTests(AuditRetentionFixture fixture) : IClassFixture<AuditRetentionFixture>
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<int> PruneAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditPruning>().PruneAsync(CancellationToken.None);
    }

    private Task<int> AttemptsAsync(string transactionId) =>
        _scenario.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.BankTransactionId == transactionId));

    [Fact]
    public async Task Attempts_older_than_the_retention_are_pruned_and_newer_ones_kept()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        var body = Scenario.Confirmation(invoice, "audit-old");
        (await _scenario.ConfirmAsync(bank, body)).EnsureSuccessStatusCode();
        for (var i = 0; i < 4; i++)
        {
            (await _scenario.ConfirmAsync(bank, body)).EnsureSuccessStatusCode(); // duplicates: audited too
        }

        await bank.PostAsync("/bank/v1/payments", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var invalidBefore = await _scenario.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.Outcome == "validation"));
        fixture.App.Clock.Advance(Retention + TimeSpan.FromDays(1));
        var fresh = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(fresh, "audit-new")).EnsureSuccessStatusCode();

        (await PruneAsync()).Should().BeGreaterThanOrEqualTo(6);

        (await AttemptsAsync("audit-old")).Should().Be(0);
        invalidBefore.Should().BeGreaterThan(0);
        (await _scenario.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.Outcome == "validation"))).Should().Be(0);
        (await AttemptsAsync("audit-new")).Should().Be(1);
        (await PruneAsync()).Should().Be(0, "a second run finds nothing left");
        // The money record is not the audit ledger: the payment and the paid invoice stay.
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.BankTransactionId == "audit-old"))).Should().Be(1);
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
    }

    [Fact]
    public async Task A_retry_after_its_attempts_were_pruned_is_still_a_duplicate()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        var body = Scenario.Confirmation(invoice, "audit-retry");
        (await _scenario.ConfirmAsync(bank, body)).EnsureSuccessStatusCode();
        fixture.App.Clock.Advance(Retention + TimeSpan.FromDays(1));
        await PruneAsync();
        (await AttemptsAsync("audit-retry")).Should().Be(0);

        var again = await _scenario.ConfirmAsync(bank, body);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(again)).Should().Be("duplicate");
        (await AttemptsAsync("audit-retry")).Should().Be(1);
    }

    [Fact]
    public async Task The_ledger_stays_append_only_outside_pruning()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(invoice, "audit-guard")).EnsureSuccessStatusCode();

        // A cutoff declared, but the row is newer than it: still refused. So are UPDATE and TRUNCATE.
        var early = () => _scenario.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT set_config({AuditPruning.CutoffSetting}, '2000-01-01Z', true)");
            return await db.Database.ExecuteSqlRawAsync("DELETE FROM payment_attempts WHERE bank_transaction_id = 'audit-guard'");
        });
        var update = () => _scenario.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT set_config({AuditPruning.CutoffSetting}, '2999-01-01Z', true)");
            return await db.Database.ExecuteSqlRawAsync("UPDATE payment_attempts SET outcome = 'accepted'");
        });
        var truncate = () => _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE payment_attempts"));

        await early.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.MessageText.Contains("append-only"));
        await update.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.MessageText.Contains("append-only"));
        await truncate.Should().ThrowAsync<Npgsql.PostgresException>();
        (await AttemptsAsync("audit-guard")).Should().Be(1);
    }

    [Fact]
    public async Task The_scheduled_job_prunes_on_its_own()
    {
        // Its own database and a job switched on, so the other tests' rows are not in play.
        await using var app = await FeePaymentsApp.StartAsync(new Dictionary<string, string?>
        {
            ["PaymentAudit:PruneEnabled"] = "true",
            ["PaymentAudit:PruneInterval"] = "00:00:00.200",
            ["PaymentAudit:Retention"] = "1.00:00:00",
        });
        var scenario = new Scenario(app);
        var invoice = await scenario.IssueInvoiceAsync();
        (await scenario.PayAsync(invoice, "audit-job")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(2));

        await Eventually.HoldsAsync(
            async () => await scenario.QueryAsync(db => db.PaymentAttempts.CountAsync()) == 0,
            "the job prunes the attempt once it is past the retention");
        (await scenario.QueryAsync(db => db.Payments.CountAsync())).Should().Be(1);
    }
}

using FeePayments.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FeePayments.Tests;

/// <summary>Rows written before bank codes were canonical are brought to the canonical spelling by a migration.</summary>
public class MigrationTests
{
    private const string BeforeCanonicalCodes = "20261128001956_OutboxTraceParent";

    private static async Task<FeePaymentsDbContext> DatabaseBeforeCanonicalCodesAsync()
    {
        var db = new FeePaymentsDbContext(new DbContextOptionsBuilder<FeePaymentsDbContext>()
            .UseNpgsql(await TestPostgres.CreateDatabaseAsync("payments_migration")).Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeCanonicalCodes);
        return db;
    }

    private static Task InsertPaidInvoiceAsync(FeePaymentsDbContext db, string bankCode, string transactionId, string reference) =>
        db.Database.ExecuteSqlAsync($"""
            WITH invoice AS (
                INSERT INTO invoices (id, application_id, payment_reference, amount, currency, owner_subject, payee_name, status,
                                      issued_at, due_at, paid_at, bank_code, bank_transaction_id)
                VALUES (gen_random_uuid(), gen_random_uuid(), {reference}, 150, 'TMT', 'owner-1', 'Payee', 'Paid',
                        now(), now() + interval '14 days', now(), {bankCode}, {transactionId})
                RETURNING id, payment_reference)
            INSERT INTO payments (id, invoice_id, bank_code, bank_transaction_id, payment_reference, amount, currency, paid_at, accepted_at)
            SELECT gen_random_uuid(), id, {bankCode}, {transactionId}, payment_reference, 150, 'TMT', now(), now() FROM invoice
            """);

    [Fact]
    public async Task Bank_codes_stored_as_the_caller_spelt_them_are_canonicalised()
    {
        await using var db = await DatabaseBeforeCanonicalCodesAsync();
        await InsertPaidInvoiceAsync(db, "demobank", "tx-1", "RF-1");
        await InsertPaidInvoiceAsync(db, "DEMOBANK", "tx-2", "RF-2");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO payment_attempts (bank_code, bank_transaction_id, source, outcome, received_at)
            VALUES ('demobank', 'tx-1', 'Callback', 'accepted', now()), ('DemoBank', 'tx-1', 'Callback', 'duplicate', now());
            INSERT INTO payment_exceptions (bank_code, bank_transaction_id, payment_reference, amount, currency, paid_at, reason, detected_at)
            VALUES ('demobank', 'tx-9', 'RF-9', 1, 'TMT', now(), 'unknown-payment-reference', now() - interval '1 day'),
                   ('DemoBank', 'tx-9', 'RF-9', 1, 'TMT', now(), 'unknown-payment-reference', now()),
                   ('recon', 'tx-8', 'RF-8', 1, 'TMT', now(), 'amount-mismatch', now());
            INSERT INTO reconciliation_cursors (bank_code, since, updated_at)
            VALUES ('DEMOBANK', '2026-11-20Z', now()), ('demobank', '2026-11-10Z', now()), ('recon', '2026-11-15Z', now());
            """);

        await db.Database.MigrateAsync();

        (await db.Payments.Select(p => p.BankCode).Distinct().ToListAsync()).Should().Equal("DEMOBANK");
        (await db.Invoices.Select(i => i.BankCode).Distinct().ToListAsync()).Should().Equal("DEMOBANK");
        (await db.PaymentAttempts.Select(a => a.BankCode).Distinct().ToListAsync()).Should().Equal("DEMOBANK");
        var exceptions = await db.PaymentExceptions.OrderBy(e => e.Id).ToListAsync();
        exceptions.Select(e => (e.BankCode, e.BankTransactionId)).Should().Equal(("DEMOBANK", "tx-9"), ("RECON", "tx-8"));
        var cursors = await db.ReconciliationCursors.OrderBy(c => c.BankCode).ToListAsync();
        cursors.Select(c => c.BankCode).Should().Equal("DEMOBANK", "RECON");
        // The earlier cursor wins: asking the bank again is harmless, skipping transactions is not.
        cursors[0].Since.Should().Be(DateTimeOffset.Parse("2026-11-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task One_transaction_accepted_under_two_spellings_stops_the_migration_for_a_person()
    {
        await using var db = await DatabaseBeforeCanonicalCodesAsync();
        await InsertPaidInvoiceAsync(db, "demobank", "tx-twice", "RF-A");
        await InsertPaidInvoiceAsync(db, "DEMOBANK", "tx-twice", "RF-B");

        var migrate = () => db.Database.MigrateAsync();

        (await migrate.Should().ThrowAsync<Npgsql.PostgresException>()).Which.MessageText.Should().Contain("DEMOBANK/tx-twice");
        (await db.Payments.CountAsync(p => p.BankTransactionId == "tx-twice")).Should().Be(2, "nothing is merged silently");
    }
}

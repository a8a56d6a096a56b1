using System.Globalization;
using FeePayments.Api.Banks;
using FeePayments.Api.Clients;
using FeePayments.Api.Payments;
using Microsoft.Extensions.Options;

namespace FeePayments.Api.Reconciliation;

public sealed record BankReconciliationResult(
    string BankCode, int Pages, int Transactions, int Applied, int Duplicates, int Exceptions, bool Failed, DateTimeOffset Since);

/// <summary>
/// Asks each bank for its transactions since the bank's cursor and applies them through the same
/// <see cref="PaymentConfirmationService"/> as callbacks. A page that cannot be fetched or read
/// (bank down, slow, malformed, our signature rejected) stops that bank's run with the cursor where
/// it was, so the next run asks again.
/// </summary>
public sealed class ReconciliationRunner(
    IServiceScopeFactory scopes,
    BankDirectory banks,
    BankTransactionsClientFactory clients,
    IOptionsMonitor<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<ReconciliationRunner> logger)
{
    // One run at a time in this process; the cursor only ever moves forward for concurrent replicas.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IReadOnlyList<BankReconciliationResult>> RunAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var results = new List<BankReconciliationResult>();
            foreach (var bank in banks.All().Where(b => b.BaseUrl is not null))
            {
                results.Add(await RunBankAsync(bank, ct));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BankReconciliationResult> RunBankAsync(Bank bank, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeePaymentsDbContext>();
        var confirmations = scope.ServiceProvider.GetRequiredService<PaymentConfirmationService>();
        using var client = clients.Create(bank);

        var since = await db.ReconciliationCursors.AsNoTracking().Where(c => c.BankCode == bank.Code)
            .Select(c => (DateTimeOffset?)c.Since).SingleOrDefaultAsync(ct)
            ?? time.GetUtcNow() - settings.InitialLookback;
        int pages = 0, transactions = 0, applied = 0, duplicates = 0, exceptions = 0;
        var failed = false;

        while (pages < settings.MaxPagesPerRun)
        {
            var page = await FetchAsync(client, bank, since, settings.PageSize, ct);
            if (page is null)
            {
                failed = true;
                break;
            }

            pages++;
            foreach (var item in page.Items!)
            {
                transactions++;
                var outcome = await ApplyAsync(confirmations, bank, item, ct);
                applied += outcome == ConfirmationOutcome.Accepted ? 1 : 0;
                duplicates += outcome == ConfirmationOutcome.Duplicate ? 1 : 0;
                exceptions += outcome.NeedsPerson() ? 1 : 0;
            }

            var next = page.Next ?? page.Items!.Select(i => i.PaidAt!.Value).DefaultIfEmpty(since).Max();
            if (next > since)
            {
                await AdvanceCursorAsync(db, bank.Code, next, ct);
            }

            // Stop at the last page, and never loop on a bank whose "next" does not move forward.
            if (page.Next is null || page.Next <= since)
            {
                since = next > since ? next : since;
                break;
            }

            since = page.Next.Value;
        }

        return new BankReconciliationResult(bank.Code, pages, transactions, applied, duplicates, exceptions, failed, since);
    }

    private async Task<BankTransactionsPage?> FetchAsync(
        IBankTransactionsClient client, Bank bank, DateTimeOffset since, int limit, CancellationToken ct)
    {
        try
        {
            var page = await client.GetTransactionsAsync(
                since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), limit, ct);
            // Without these fields a transaction cannot even be recorded as an exception: the page is unusable.
            if (page?.Items is null || page.Items.Any(i => i is null || string.IsNullOrWhiteSpace(i.BankTransactionId)
                    || i.PaidAt is null || i.PaymentReference is null || i.Amount is null || i.Currency is null))
            {
                logger.LogWarning("Bank {BankCode} returned a malformed transactions page; will retry next run", bank.Code);
                return null;
            }

            return page;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Refit's ApiException message can hold the request URI but never our headers.
            logger.LogWarning("Reconciliation with bank {BankCode} failed ({Error}); will retry next run",
                bank.Code, ex.GetType().Name + ": " + ex.Message);
            return null;
        }
    }

    private static async Task<ConfirmationOutcome> ApplyAsync(
        PaymentConfirmationService confirmations, Bank bank, BankTransaction item, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var payment = BankPaymentParser.Validate(bank.Code, item.PaymentReference, item.Amount, item.Currency,
            item.BankTransactionId, item.PaidAt, PaymentSource.Reconciliation, errors);
        if (payment is null)
        {
            await confirmations.RecordUnappliableAsync(bank.Code, item.BankTransactionId!,
                item.PaymentReference!, item.Amount!.Value, item.Currency!, item.PaidAt!.Value, ct);
            return ConfirmationOutcome.Invalid;
        }

        return await confirmations.ConfirmAsync(payment, rawBody: null, ct);
    }

    private async Task AdvanceCursorAsync(FeePaymentsDbContext db, string bankCode, DateTimeOffset since, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var utc = since.ToUniversalTime();
        // GREATEST: a slower concurrent run (another replica) can never move the cursor back.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reconciliation_cursors (bank_code, since, updated_at) VALUES ({bankCode}, {utc}, {now})
            ON CONFLICT (bank_code) DO UPDATE
            SET since = GREATEST(reconciliation_cursors.since, EXCLUDED.since), updated_at = EXCLUDED.updated_at
            """, ct);
    }
}

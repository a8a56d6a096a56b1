using System.Collections.Concurrent;
using G2B.Journey;

namespace G2B.LoadTest.Bank;

/// <summary>
/// Open invoices for a bank's peak, made the way businesses make them: a company registered, an
/// application for a licence type without review, its invoice waited for, and its bill looked up by
/// the bank (so the amount is the bill's). Not measured.
/// </summary>
internal static class InvoiceSetup
{
    private const int Parallel = 8;

    public static async Task<IReadOnlyList<OpenInvoice>> CreateAsync(
        SuiteApi suite, BankApi bank, int count, FailureTally failures, CancellationToken ct)
    {
        var types = await suite.LicenceTypesAsync(ct);
        var invoices = new ConcurrentBag<OpenInvoice>();
        await Workers.RunAsync(count, Parallel, async _ =>
        {
            try
            {
                invoices.Add(await CreateOneAsync(suite, bank, types, ct));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures.Add(e);
            }
        });
        return [.. invoices];
    }

    private static async Task<OpenInvoice> CreateOneAsync(SuiteApi suite, BankApi bank, IReadOnlyList<LicenceType> types, CancellationToken ct)
    {
        var token = await suite.TokenAsync($"bank-peak-{Guid.NewGuid():N}"[..21], "business", ct);
        var company = await suite.RegisterCompanyAsync(token, LicenceJourney.NewCompany(), ct);
        var type = types.First(t => !t.RequiresReview && LicenceJourney.Eligible(t, company.ActivityCodes));
        var application = await suite.ApplyAsync(token, company.RegistrationNumber, type.Code, Guid.NewGuid().ToString(), ct);
        await using var waits = await ApplicationWaits.StartAsync(suite, token, WaitMode.Poll, ct: ct);
        application = await waits.UntilAsync(
            application.ApplicationId, a => a.PaymentReference is not null, _ => false, "the invoice's payment reference", TimeSpan.FromSeconds(60), ct);
        var bill = await bank.GetBillAsync(application.PaymentReference!, ct)
            ?? throw new InvalidOperationException($"The bank found no bill {application.PaymentReference}.");
        return new OpenInvoice(bill.PaymentReference, bill.Amount, bill.Currency);
    }
}

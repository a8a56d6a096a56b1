using G2B.Journey;

namespace G2B.LoadTest.Bank;

/// <summary>An open invoice the bank is about to pay: what its bill says.</summary>
public sealed record OpenInvoice(string PaymentReference, decimal Amount, string Currency);

public enum CallKind
{
    /// <summary>The bank's first confirmation of an invoice.</summary>
    First,

    /// <summary>The same confirmation again (same transaction, same body), as a bank retries after a lost answer.</summary>
    Retry,

    /// <summary>A second transaction paying the same invoice, sent right beside the first.</summary>
    Race,
}

public sealed record PlannedCall(CallKind Kind, PaymentConfirmation Confirmation);

/// <summary>
/// The order of a bank's peak: one confirmation per invoice; every <c>raceEvery</c>-th invoice also
/// gets a second transaction straight after it (concurrent callers take both at once, so they race);
/// and retries of earlier first confirmations make up <c>retryShare</c> of all calls, each a few
/// places to a few hundred later (some while the original is still in flight, most after it).
/// </summary>
public static class ConfirmationPlan
{
    public static IReadOnlyList<PlannedCall> Build(
        IReadOnlyList<OpenInvoice> invoices, int concurrency, Random random, double retryShare = 0.10, int raceEvery = 20)
    {
        var keyed = new List<(double Key, PlannedCall Call)>();
        var firsts = new List<(double Key, PlannedCall Call)>();
        var paidAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < invoices.Count; i++)
        {
            var invoice = invoices[i];
            var first = (keyed.Count + 0.0, new PlannedCall(CallKind.First, Confirmation(invoice, random, paidAt)));
            keyed.Add(first);
            firsts.Add(first);
            if (raceEvery > 0 && i % raceEvery == raceEvery - 1)
            {
                keyed.Add((keyed.Count, new PlannedCall(CallKind.Race, Confirmation(invoice, random, paidAt))));
            }
        }

        // retries / (calls + retries) = share.
        var retries = (int)Math.Round(keyed.Count * retryShare / (1 - retryShare));
        var spread = Math.Max(2, 4 * concurrency);
        for (var r = 0; r < retries && firsts.Count > 0; r++)
        {
            var (key, call) = firsts[random.Next(firsts.Count)];
            keyed.Add((key + random.Next(1, spread + 1) - 0.5, call with { Kind = CallKind.Retry }));
        }

        return [.. keyed.OrderBy(k => k.Key).Select(k => k.Call)];
    }

    private static PaymentConfirmation Confirmation(OpenInvoice invoice, Random random, DateTimeOffset paidAt) =>
        new(invoice.PaymentReference, invoice.Amount, invoice.Currency, $"TX-PEAK-{random.NextInt64():x16}", paidAt);
}

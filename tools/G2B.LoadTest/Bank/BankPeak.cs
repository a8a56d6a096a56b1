using System.Diagnostics;
using G2B.Journey;
using HdrHistogram;

namespace G2B.LoadTest.Bank;

/// <summary>
/// A bank at its peak (<c>--mode bank</c>): open invoices made first, then signed payment confirmations
/// through the gateway as fast as the callers go (10% retries, some invoices paid twice at once),
/// checked for exactly-once from the answers and from the invoices themselves; then the bills looked up.
/// </summary>
internal static class BankPeak
{
    public static async Task<int> RunAsync(LoadOptions options, LoadTarget target, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = target.Gateway, Timeout = options.RequestTimeout };
        var suite = new SuiteApi(http);
        var bank = new BankApi(target.Gateway, options.BankCode, options.BankSecret, timeout: options.RequestTimeout);
        var failed = 0;
        foreach (var (concurrency, count) in options.Runs)
        {
            output.WriteLine();
            output.WriteLine($"### Bank peak: {count} invoices, {concurrency} callers");
            output.WriteLine();
            var setupFailures = new FailureTally();
            var invoices = await InvoiceSetup.CreateAsync(suite, bank, count, setupFailures, ct);
            output.WriteLine($"invoices created        {invoices.Count} of {count} (not measured)");
            Report.Failures(output, "failed invoice set-ups by cause", setupFailures);
            failed += setupFailures.Total;

            var plan = ConfirmationPlan.Build(invoices, concurrency, new Random());
            var calls = await target.MeasureAsync(
                () => ConfirmAsync(bank, plan, concurrency, output, ct), c => c.Count, "confirmation", output, ct);
            failed += await CheckAsync(suite, calls, output, ct);

            var lookups = await target.MeasureAsync(
                () => LookUpAsync(bank, invoices, plan.Count, concurrency, output, ct), n => n, "lookup", output, ct);
            failed += plan.Count - lookups;
        }

        return failed == 0 && options.Runs.Any() ? 0 : 1;
    }

    private static async Task<IReadOnlyList<SentCall>> ConfirmAsync(
        BankApi bank, IReadOnlyList<PlannedCall> plan, int concurrency, TextWriter output, CancellationToken ct)
    {
        var sent = new SentCall[plan.Count];
        var latency = new LongHistogram(TimeStamp.Minutes(5), 3);
        var failures = new FailureTally();
        var wall = Stopwatch.StartNew();
        await Workers.RunAsync(plan.Count, concurrency, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var answer = await bank.ConfirmAsync(plan[i].Confirmation, ct);
                Record(latency, started);
                sent[i] = answer.HttpStatus >= 500 ? new SentCall(plan[i], null, $"HTTP {answer.HttpStatus}") : new SentCall(plan[i], answer);
                if (answer.HttpStatus >= 500)
                {
                    failures.Add(new SuiteApiException((System.Net.HttpStatusCode)answer.HttpStatus, string.Empty, "POST /bank/v1/payments"));
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                sent[i] = new SentCall(plan[i], null, failures.Add(e));
            }
        });
        var elapsed = wall.Elapsed;

        output.WriteLine($"confirmations           {plan.Count} calls in {elapsed.TotalSeconds:F1} s: {plan.Count / Math.Max(elapsed.TotalSeconds, 0.001):F0}/s " +
            $"({Count(plan, CallKind.First)} first, {Count(plan, CallKind.Retry)} retries, {Count(plan, CallKind.Race)} racing a first)");
        Report.Percentiles(output, "confirmation latency", latency);
        output.WriteLine($"{"answers",-24}{string.Join(", ", sent.GroupBy(Describe).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"))}");
        Report.Failures(output, "failed confirmations by cause", failures);
        return sent;
    }

    // Exactly once from the answers, then from the suite's own record of each invoice.
    private static async Task<int> CheckAsync(SuiteApi suite, IReadOnlyList<SentCall> calls, TextWriter output, CancellationToken ct)
    {
        var violations = ExactlyOnce.Violations(calls);
        var unverifiable = ExactlyOnce.Unverifiable(calls);
        var winners = ExactlyOnce.Winners(calls);
        var token = await suite.TokenAsync("bank-peak-regulator", "regulator", ct);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        var references = calls.Select(c => c.Call.Confirmation.PaymentReference).Distinct().ToList();
        await Workers.RunAsync(references.Count, 8, async i =>
        {
            var invoice = await suite.GetInvoiceAsync(token, references[i], ct);
            if (invoice.Status != "Paid" || (winners.TryGetValue(invoice.PaymentReference, out var tx) && invoice.BankTransactionId != tx))
            {
                mismatches.Add($"{invoice.PaymentReference}: {invoice.Status} by {invoice.BankTransactionId}, answers said {winners.GetValueOrDefault(invoice.PaymentReference) ?? "none accepted"}");
            }
        });

        output.WriteLine($"{"exactly once",-24}{(violations.Count == 0 && mismatches.IsEmpty ? "yes" : "NO")}: {violations.Count} invoices answered against the contract, " +
            $"{mismatches.Count} invoices not Paid by the accepted transaction (GET /api/invoices), {unverifiable} with an unanswered call");
        foreach (var line in violations.Concat(mismatches).Take(10))
        {
            output.WriteLine($"    {line}");
        }

        return violations.Count + mismatches.Count + calls.Count(c => c.Answer is null);
    }

    private static async Task<int> LookUpAsync(
        BankApi bank, IReadOnlyList<OpenInvoice> invoices, int count, int concurrency, TextWriter output, CancellationToken ct)
    {
        var latency = new LongHistogram(TimeStamp.Minutes(5), 3);
        var failures = new FailureTally();
        var wall = Stopwatch.StartNew();
        await Workers.RunAsync(invoices.Count == 0 ? 0 : count, concurrency, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var reference = invoices[i % invoices.Count].PaymentReference;
                var bill = await bank.GetBillAsync(reference, ct);
                Record(latency, started);
                if (bill?.PaymentReference != reference || bill.Status != "Paid")
                {
                    failures.Add(new InvalidOperationException($"the bill of a paid invoice: {bill?.Status ?? "not found"}"));
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures.Add(e);
            }
        });
        var elapsed = wall.Elapsed;
        output.WriteLine();
        output.WriteLine($"bill lookups            {latency.TotalCount} in {elapsed.TotalSeconds:F1} s: {latency.TotalCount / Math.Max(elapsed.TotalSeconds, 0.001):F0}/s");
        Report.Percentiles(output, "lookup latency", latency);
        Report.Failures(output, "failed lookups by cause", failures);
        return (invoices.Count == 0 ? 0 : count) - failures.Total;
    }

    private static void Record(LongHistogram histogram, long started)
    {
        var ticks = Stopwatch.GetElapsedTime(started).Ticks;
        lock (histogram)
        {
            histogram.RecordValue(ticks);
        }
    }

    private static int Count(IReadOnlyList<PlannedCall> plan, CallKind kind) => plan.Count(c => c.Kind == kind);

    private static string Describe(SentCall c) => c.Answer is { } a
        ? $"{a.HttpStatus} {a.Status ?? a.Type}"
        : "no answer";
}

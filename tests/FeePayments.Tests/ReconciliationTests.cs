using System.Text.Json;
using FeePayments.Api.Reconciliation;
using G2B.BankSignatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FeePayments.Tests;

public class ReconciliationTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private const string Page2Since = "2026-11-27T12:00:00.000000Z";
    private readonly Scenario _scenario = fixture.Scenario;

    private static object Item(string reference, decimal amount, string transactionId, string paidAt = "2026-11-27T11:00:00Z") =>
        new { paymentReference = reference, amount, currency = "TMT", bankTransactionId = transactionId, paidAt };

    private void Serve(int status, string body, TimeSpan? delay = null, string? since = null)
    {
        var request = Request.Create().WithPath("/v1/transactions").UsingGet();
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is not null)
        {
            response = response.WithDelay(delay.Value);
        }

        if (since is null)
        {
            fixture.Bank.Given(request).AtPriority(10).RespondWith(response);
        }
        else
        {
            fixture.Bank.Given(request.WithParam("since", since)).AtPriority(1).RespondWith(response);
        }
    }

    private async Task<BankReconciliationResult> RunAsync()
    {
        using var regulator = fixture.App.Regulator();
        var response = await regulator.PostAsync("/api/payments/reconcile", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("banks").EnumerateArray().Single().Deserialize<BankReconciliationResult>(Scenario.Json)!;
    }

    private Task<ReconciliationCursor?> CursorAsync() =>
        _scenario.QueryAsync(db => db.ReconciliationCursors.AsNoTracking().SingleOrDefaultAsync(c => c.BankCode == ReconciliationFixture.BankCode));

    private async Task ResetAsync()
    {
        fixture.Bank.Reset();
        await _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM reconciliation_cursors"));
    }

    [Fact]
    public async Task Missing_payments_are_applied_page_by_page_and_what_cannot_be_applied_becomes_an_exception()
    {
        await ResetAsync();
        var missed = await _scenario.IssueInvoiceAsync(fee: 100.00m);
        var confirmed = await _scenario.IssueInvoiceAsync(fee: 100.00m);
        var wrongAmount = await _scenario.IssueInvoiceAsync(fee: 100.00m);
        using (var bank = fixture.App.BankClient(ReconciliationFixture.BankCode, ReconciliationFixture.Secret))
        {
            (await _scenario.ConfirmAsync(bank, Scenario.Confirmation(confirmed, "rc-2", paidAt: DateTimeOffset.Parse("2026-11-27T11:00:00Z"))))
                .EnsureSuccessStatusCode();
        }

        Serve(200, JsonSerializer.Serialize(new
        {
            items = new[] { Item(missed.PaymentReference, 100.00m, "rc-1"), Item(confirmed.PaymentReference, 100.00m, "rc-2") },
            next = "2026-11-27T12:00:00Z",
        }));
        Serve(200, JsonSerializer.Serialize(new
        {
            items = new[]
            {
                Item("RF18539007547034", 100.00m, "rc-3", "2026-11-27T12:30:00Z"),
                Item(wrongAmount.PaymentReference, 99.00m, "rc-4", "2026-11-27T13:00:00Z"),
            },
            next = (string?)null,
        }), since: Page2Since);

        var result = await RunAsync();

        result.Should().BeEquivalentTo(new { Pages = 2, Transactions = 4, Applied = 1, Duplicates = 1, Exceptions = 2, Failed = false });
        (await _scenario.InvoiceForAsync(missed.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
        (await _scenario.InvoiceForAsync(wrongAmount.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
        (await CursorAsync())!.Since.Should().Be(DateTimeOffset.Parse("2026-11-27T13:00:00Z"));

        // Our requests were signed over path and query with the bank's secret.
        foreach (var entry in fixture.Bank.LogEntries)
        {
            var headers = entry.RequestMessage.Headers!;
            headers[BankSignature.CodeHeader].Single().Should().Be(ReconciliationFixture.BankCode);
            var target = new Uri(entry.RequestMessage.AbsoluteUrl).PathAndQuery;
            BankSignature.Verify(headers[BankSignature.SignatureHeader].Single(), [ReconciliationFixture.Secret],
                Encoding.UTF8.GetBytes(target), fixture.App.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).Should().BeTrue();
        }

        // Seen again on a later run: still one exception each, and the paid invoice is a duplicate.
        await _scenario.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM reconciliation_cursors"));
        var again = await RunAsync();
        again.Applied.Should().Be(0);
        var exceptions = await ExceptionsAsync();
        exceptions.Select(e => (e.GetProperty("bankTransactionId").GetString(), e.GetProperty("reason").GetString()))
            .Should().BeEquivalentTo([("rc-3", "unknown-payment-reference"), ("rc-4", "amount-mismatch")]);
    }

    private async Task<List<JsonElement>> ExceptionsAsync()
    {
        using var regulator = fixture.App.Regulator();
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            // limit=1 walks the cursor paging through every page.
            var page = await regulator.GetFromJsonAsync<JsonElement>(
                "/api/payments/exceptions?limit=1" + (cursor is null ? "" : $"&cursor={cursor}"));
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    [Fact]
    public async Task Exceptions_are_for_regulators_only_and_validate_paging()
    {
        using var business = fixture.App.Business("owner-1");
        using var regulator = fixture.App.Regulator();
        (await business.GetAsync("/api/payments/exceptions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await business.PostAsync("/api/payments/reconcile", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await regulator.GetAsync("/api/payments/exceptions?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await regulator.GetAsync("/api/payments/exceptions?cursor=%%%")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> BankFailures => ["down", "slow", "malformed-json", "missing-fields", "rejects-signature"];

    [Theory]
    [MemberData(nameof(BankFailures))]
    public async Task A_failing_bank_leaves_the_cursor_where_it_was(string failure)
    {
        await ResetAsync();
        var invoice = await _scenario.IssueInvoiceAsync(fee: 100.00m);
        var good = JsonSerializer.Serialize(new { items = new[] { Item(invoice.PaymentReference, 100.00m, $"fail-{failure}") }, next = (string?)null });
        switch (failure)
        {
            case "down": Serve(503, "{}"); break;
            case "slow": Serve(200, good, delay: TimeSpan.FromSeconds(60)); break;
            case "malformed-json": Serve(200, "{\"items\": [ {\"paymentRef"); break;
            case "missing-fields": Serve(200, "{\"items\":[{\"paymentReference\":\"RF18539007547034\"}],\"next\":null}"); break;
            case "rejects-signature": Serve(401, "{\"title\":\"Unauthorized\"}"); break;
        }

        // A 60 s answer is cut off by the attempt and total timeouts: the run ends, failed, long before it.
        var result = await RunAsync();

        result.Failed.Should().BeTrue();
        (await CursorAsync()).Should().BeNull();
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
        if (failure == "down")
        {
            fixture.Bank.LogEntries.Count().Should().BeGreaterThanOrEqualTo(2, "a 503 is retried");
        }

        // The bank recovers: the next run applies what the failed one could not.
        fixture.Bank.Reset();
        Serve(200, good);
        (await RunAsync()).Applied.Should().Be(1);
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
    }

    [Fact]
    public async Task The_scheduled_job_uses_the_same_runner()
    {
        fixture.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .Should().Contain(s => s.GetType().Name == "ReconciliationJob");
        await Task.CompletedTask;
    }
}

using FeePayments.Api.Invoices;
using FeePayments.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeePayments.Tests;

public class ExpiryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<int> RunExpiryAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoiceExpiry>().ExpireDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Only_open_invoices_past_due_expire_and_each_publishes_invoice_expired_once()
    {
        var unpaid = await _scenario.IssueInvoiceAsync();
        var paid = await _scenario.IssueInvoiceAsync();
        (await _scenario.PayAsync(paid, "exp-paid")).EnsureSuccessStatusCode();

        await RunExpiryAsync();
        (await _scenario.InvoiceForAsync(unpaid.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open, "it is not due yet");

        fixture.App.Clock.Advance(TimeSpan.FromDays(15));
        var fresh = await _scenario.IssueInvoiceAsync(); // issued "now", after the jump: not due
        (await RunExpiryAsync()).Should().BeGreaterThanOrEqualTo(1);
        (await RunExpiryAsync()).Should().Be(0, "a second run finds nothing left");

        (await _scenario.InvoiceForAsync(unpaid.ApplicationId))!.Status.Should().Be(InvoiceStatus.Expired);
        (await _scenario.InvoiceForAsync(paid.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
        (await _scenario.InvoiceForAsync(fresh.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
        (await _scenario.OutboxAsync(InvoiceExpiredIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(unpaid.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Payment_after_the_due_date_is_invoice_expired_even_before_the_job_runs()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        fixture.App.Clock.Advance(TimeSpan.FromDays(15));

        var response = await _scenario.PayAsync(invoice, "exp-late");

        (await response.ProblemTypeAsync()).Should().Be("invoice-expired");
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Expired);
        (await _scenario.OutboxAsync(InvoiceExpiredIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task The_scheduled_job_expires_due_invoices_on_its_own()
    {
        // A second instance on the same database, with the job switched on.
        await using var app = await FeePaymentsApp.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = fixture.App.Services.GetRequiredService<IConfiguration>()
                .GetConnectionString("Database"),
            ["Invoices:ExpiryEnabled"] = "true",
            ["Invoices:ExpiryInterval"] = "00:00:00.200",
            ["Invoices:DuePeriod"] = "-1.00:00:00",
        });
        var scenario = new Scenario(app);
        // DuePeriod negative: an invoice issued by this instance is due at once.
        var due = await scenario.IssueInvoiceAsync();

        await Eventually.HoldsAsync(
            async () => (await scenario.InvoiceForAsync(due.ApplicationId))?.Status == InvoiceStatus.Expired,
            "the job expires the due invoice");
    }
}

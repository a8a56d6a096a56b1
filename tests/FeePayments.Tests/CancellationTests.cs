using System.Text.Json;
using FeePayments.Contracts;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace FeePayments.Tests;

/// <summary>
/// An application cancelled (by its owner, or because its company was dissolved) and a bank paying its
/// invoice: whichever commits first wins, and money taken for a cancelled application is never lost.
/// </summary>
public class CancellationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    private static ApplicationCancelledIntegrationEvent Cancelled(Invoice invoice) => new(invoice.ApplicationId, DateTimeOffset.UtcNow);

    private Task<List<PaymentException>> ExceptionsForAsync(Invoice invoice) =>
        _scenario.QueryAsync(db => db.PaymentExceptions.AsNoTracking()
            .Where(e => e.PaymentReference == invoice.PaymentReference).ToListAsync());

    private async Task<int> EventsAsync(string topic, Invoice invoice) =>
        (await _scenario.OutboxAsync(topic)).Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal));

    [Fact]
    public async Task Cancelled_first_then_the_bank_is_told_invoice_expired_and_nothing_is_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        (await _scenario.DeliverAsync(Cancelled(invoice))).EnsureSuccessStatusCode();

        var response = await _scenario.PayAsync(invoice, "cancel-first");

        (await response.ProblemAsync()).Should().Be((HttpStatusCode.UnprocessableEntity, "invoice-expired"));
        (await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id))).Should().Be(0);
        (await EventsAsync(InvoicePaidIntegrationEvent.Topic, invoice)).Should().Be(0);
    }

    [Fact]
    public async Task Paid_first_then_cancelled_keeps_the_payment_and_records_it_for_a_refund()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 320.00m);
        (await _scenario.PayAsync(invoice, "cancel-late")).EnsureSuccessStatusCode();

        var cancelled = Cancelled(invoice);
        (await _scenario.DeliverAsync(cancelled)).StatusCode.Should().Be(HttpStatusCode.OK);
        // Redelivered, and cancelled again under a new event id: still one record.
        (await _scenario.DeliverAsync(cancelled)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _scenario.DeliverAsync(cancelled with { Id = Guid.NewGuid() })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Paid);
        (await EventsAsync(InvoiceExpiredIntegrationEvent.Topic, invoice)).Should().Be(0);
        var exception = (await ExceptionsForAsync(invoice)).Should().ContainSingle().Subject;
        exception.Should().BeEquivalentTo(new
        {
            BankCode = FeePaymentsApp.Bank, BankTransactionId = "cancel-late", Amount = 320.00m, Currency = "TMT",
            Reason = "application-cancelled",
        });

        // A regulator sees it where every payment a person must resolve is listed.
        using var regulator = fixture.App.Regulator();
        var page = await regulator.GetFromJsonAsync<JsonElement>("/api/payments/exceptions?limit=100");
        page.GetProperty("items").EnumerateArray()
            .Should().Contain(e => e.GetProperty("bankTransactionId").GetString() == "cancel-late"
                && e.GetProperty("reason").GetString() == "application-cancelled");
    }

    [Fact]
    public async Task Payment_and_cancellation_racing_end_in_exactly_one_consistent_outcome()
    {
        using var bank = fixture.App.BankClient();
        for (var round = 0; round < 12; round++)
        {
            var invoice = await _scenario.IssueInvoiceAsync();
            using var start = new SemaphoreSlim(0, 2);
            var pay = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _scenario.PayAsync(invoice, $"cancel-race-{round}");
            });
            var cancel = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _scenario.DeliverAsync(Cancelled(invoice));
            });
            start.Release(2);
            var (payment, cancellation) = (await pay, await cancel);

            cancellation.StatusCode.Should().Be(HttpStatusCode.OK);
            var final = await _scenario.InvoiceForAsync(invoice.ApplicationId);
            var payments = await _scenario.QueryAsync(db => db.Payments.CountAsync(p => p.InvoiceId == invoice.Id));
            var exceptions = await ExceptionsForAsync(invoice);
            if (payment.StatusCode == HttpStatusCode.OK)
            {
                // The payment committed first: paid once, never expired, and queued for a refund.
                (await Scenario.StatusAsync(payment)).Should().Be("accepted");
                final!.Status.Should().Be(InvoiceStatus.Paid);
                payments.Should().Be(1);
                exceptions.Should().ContainSingle().Which.Reason.Should().Be("application-cancelled");
                (await EventsAsync(InvoicePaidIntegrationEvent.Topic, invoice)).Should().Be(1);
                (await EventsAsync(InvoiceExpiredIntegrationEvent.Topic, invoice)).Should().Be(0);
            }
            else
            {
                // The cancellation committed first: the bank is told, and keeps (returns) the money itself.
                (await payment.ProblemTypeAsync()).Should().Be("invoice-expired");
                final!.Status.Should().Be(InvoiceStatus.Expired);
                payments.Should().Be(0);
                exceptions.Should().BeEmpty();
                (await EventsAsync(InvoicePaidIntegrationEvent.Topic, invoice)).Should().Be(0);
                (await EventsAsync(InvoiceExpiredIntegrationEvent.Topic, invoice)).Should().Be(1);
            }
        }
    }

    [Fact]
    public async Task A_payment_found_by_reconciliation_for_a_cancelled_invoice_is_an_exception_not_lost()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        (await _scenario.DeliverAsync(Cancelled(invoice))).EnsureSuccessStatusCode();
        var payment = new BankPayment(FeePaymentsApp.Bank, invoice.PaymentReference, invoice.Amount, invoice.Currency,
            "cancel-reconciled", DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            PaymentSource.Reconciliation);

        var outcome = await _scenario.QueryAsync(async db =>
        {
            var service = new FeePayments.Api.Payments.PaymentConfirmationService(db, fixture.App.Clock,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<FeePayments.Api.Payments.PaymentConfirmationService>.Instance);
            return await service.ConfirmAsync(payment, rawBody: null, CancellationToken.None);
        });

        outcome.Should().Be(ConfirmationOutcome.InvoiceExpired);
        (await ExceptionsForAsync(invoice)).Should().ContainSingle().Which.Reason.Should().Be("invoice-expired");
    }
}

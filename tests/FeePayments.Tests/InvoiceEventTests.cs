using System.Text.Json;
using FeePayments.Contracts;
using LicenceApplications.Contracts;

namespace FeePayments.Tests;

public class InvoiceEventTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task Submitted_application_gets_an_open_invoice_and_invoice_issued_is_published()
    {
        var evt = Scenario.Submitted(owner: "owner-a", fee: 250.50m);
        (await _scenario.DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);

        var invoice = await _scenario.InvoiceForAsync(evt.ApplicationId);
        invoice.Should().NotBeNull();
        invoice!.Status.Should().Be(InvoiceStatus.Open);
        invoice.Amount.Should().Be(250.50m);
        invoice.OwnerSubject.Should().Be("owner-a");
        invoice.PayeeName.Should().Be(evt.LegalName);
        PaymentReference.IsValid(invoice.PaymentReference).Should().BeTrue();
        invoice.DueAt.Should().BeCloseTo(invoice.IssuedAt + TimeSpan.FromDays(14), TimeSpan.FromSeconds(1));

        var issued = (await _scenario.OutboxAsync(InvoiceIssuedIntegrationEvent.Topic))
            .Select(m => JsonSerializer.Deserialize<InvoiceIssuedIntegrationEvent>(m.Payload, Scenario.Json)!)
            .Where(e => e.ApplicationId == evt.ApplicationId).ToList();
        issued.Should().ContainSingle().Which.PaymentReference.Should().Be(invoice.PaymentReference);
    }

    [Fact]
    public async Task Redelivered_or_repeated_submission_still_gives_one_invoice()
    {
        var evt = Scenario.Submitted();
        (await _scenario.DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _scenario.DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);
        // Same application, a new event id: the inbox lets it through, the invoice rule must not.
        (await _scenario.DeliverAsync(evt with { Id = Guid.NewGuid() })).StatusCode.Should().Be(HttpStatusCode.OK);

        var count = await _scenario.QueryAsync(db => Task.FromResult(db.Invoices.Count(i => i.ApplicationId == evt.ApplicationId)));
        count.Should().Be(1);
        var issued = (await _scenario.OutboxAsync(InvoiceIssuedIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(evt.ApplicationId.ToString(), StringComparison.Ordinal));
        issued.Should().Be(1);
    }

    [Fact]
    public async Task References_are_all_different()
    {
        var invoices = new List<Invoice>();
        for (var i = 0; i < 5; i++)
        {
            invoices.Add(await _scenario.IssueInvoiceAsync());
        }

        invoices.Select(i => i.PaymentReference).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Cancelled_application_expires_its_invoice_and_publishes_invoice_expired()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var cancelled = new ApplicationCancelledIntegrationEvent(invoice.ApplicationId, DateTimeOffset.UtcNow);
        (await _scenario.DeliverAsync(cancelled)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Expired);
        (await _scenario.OutboxAsync(InvoiceExpiredIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(invoice.PaymentReference, StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Cancellation_arriving_before_the_submission_is_accepted_and_no_payable_invoice_follows()
    {
        var submitted = Scenario.Submitted();
        var cancelled = new ApplicationCancelledIntegrationEvent(submitted.ApplicationId, DateTimeOffset.UtcNow);

        // Not an error to be redelivered: the two events travel on different topics, in any order.
        (await _scenario.DeliverAsync(cancelled)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _scenario.DeliverAsync(submitted)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _scenario.InvoiceForAsync(submitted.ApplicationId)).Should().BeNull();
        (await _scenario.OutboxAsync(InvoiceIssuedIntegrationEvent.Topic))
            .Count(m => m.Payload.Contains(submitted.ApplicationId.ToString(), StringComparison.Ordinal)).Should().Be(0);
    }

    [Fact]
    public async Task Submission_and_cancellation_racing_never_leave_a_payable_invoice()
    {
        for (var round = 0; round < 12; round++)
        {
            var submitted = Scenario.Submitted();
            var cancelled = new ApplicationCancelledIntegrationEvent(submitted.ApplicationId, DateTimeOffset.UtcNow);
            using var start = new SemaphoreSlim(0, 2);
            var first = Task.Run(async () => { await start.WaitAsync(); return await _scenario.DeliverAsync(submitted); });
            var second = Task.Run(async () => { await start.WaitAsync(); return await _scenario.DeliverAsync(cancelled); });
            start.Release(2);

            (await first).StatusCode.Should().Be(HttpStatusCode.OK);
            (await second).StatusCode.Should().Be(HttpStatusCode.OK);
            // Either no invoice at all, or one that the cancellation expired: never an Open one.
            (await _scenario.InvoiceForAsync(submitted.ApplicationId))?.Status.Should().Be(InvoiceStatus.Expired);
        }
    }

    [Fact]
    public async Task The_sidecar_learns_both_subscriptions()
    {
        using var client = fixture.App.CreateClient();
        var json = await client.GetStringAsync("/dapr/subscribe");
        using var doc = JsonDocument.Parse(json);
        var topics = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("topic").GetString()).ToList();
        topics.Should().Contain([ApplicationSubmittedIntegrationEvent.Topic, ApplicationCancelledIntegrationEvent.Topic]);
    }
}

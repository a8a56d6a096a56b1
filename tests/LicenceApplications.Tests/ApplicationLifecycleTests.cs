using System.Text.RegularExpressions;
using FeePayments.Contracts;

namespace LicenceApplications.Tests;

public sealed partial class ApplicationLifecycleTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Invoice_issued_shows_the_payment_reference()
    {
        var (_, id, owner) = await app.ApplyAsync("life-a", "RETAIL-TRADE");

        await app.DeliverAsync(new InvoiceIssuedIntegrationEvent(id, Scenario.ReferenceFor(id), 500.00m, "TMT", DateTimeOffset.UtcNow.AddDays(14)));

        (await owner.GetJsonAsync($"/api/applications/{id}")).GetProperty("paymentReference").GetString().Should().Be(Scenario.ReferenceFor(id));
    }

    [Fact]
    public async Task Paid_application_without_review_is_issued_with_a_readable_licence_number()
    {
        var (company, id, owner) = await app.ApplyAsync("life-b", "RETAIL-TRADE");

        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("Issued");
        var number = paid.GetProperty("licenceNumber").GetString()!;
        LicenceNumberPattern().IsMatch(number).Should().BeTrue(number);
        number.Should().StartWith($"RETAIL-TRADE-{app.Clock.GetUtcNow().Year}-");
        paid.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString())
            .Should().Equal("AwaitingPayment", "Issued");

        var licence = await owner.GetJsonAsync($"/api/licences/{number}");
        licence.GetProperty("status").GetString().Should().Be("Active");
        licence.GetProperty("registrationNumber").GetString().Should().Be(company);
        var validFrom = DateOnly.Parse(licence.GetProperty("validFrom").GetString()!);
        DateOnly.Parse(licence.GetProperty("validUntil").GetString()!).Should().Be(validFrom.AddMonths(12).AddDays(-1));

        var issued = (await app.OutboxAsync("licence-issued")).Single(e => e.GetProperty("licenceNumber").GetString() == number);
        issued.GetProperty("applicationId").GetGuid().Should().Be(id);
        issued.GetProperty("version").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Paid_application_needing_review_waits_for_the_regulator_then_is_issued_on_approval()
    {
        var (_, id, owner) = await app.ApplyAsync("life-c", "PHARMACY");

        (await app.PayAsync(id)).GetProperty("status").GetString().Should().Be("UnderReview");
        await owner.UploadRequiredAsync(id, DocumentSteps.PharmacyDocuments);
        var decision = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true, reason = "ok" });

        decision.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await decision.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("Issued");
        body.GetProperty("licenceNumber").GetString().Should().StartWith("PHARMACY-");
    }

    [Fact]
    public async Task Regulator_rejection_needs_a_reason_and_ends_in_rejected()
    {
        var (_, id, _) = await app.ApplyAsync("life-d", "CONSTRUCTION");
        await app.PayAsync(id);
        var regulator = app.Regulator();

        var noReason = await regulator.PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = false });
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        var rejected = await regulator.PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = false, reason = "no permit" });
        (await rejected.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Rejected");

        var again = await regulator.PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true, reason = "changed mind" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task Decision_before_payment_is_an_invalid_state_and_businesses_cannot_decide()
    {
        var (_, id, owner) = await app.ApplyAsync("life-e", "PHARMACY");

        var early = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true });
        await early.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        (await owner.PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Owner_cancels_before_payment_and_the_invoice_is_told()
    {
        var (_, id, owner) = await app.ApplyAsync("life-f", "RETAIL-TRADE");

        var cancelled = await owner.PostAsync($"/api/applications/{id}/cancel", null);

        (await cancelled.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Cancelled");
        (await app.OutboxAsync("application-cancelled")).Should().Contain(e => e.GetProperty("applicationId").GetGuid() == id);
        await (await owner.PostAsync($"/api/applications/{id}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task Paid_application_cannot_be_cancelled()
    {
        var (_, id, owner) = await app.ApplyAsync("life-g", "PHARMACY");
        await app.PayAsync(id);

        await (await owner.PostAsync($"/api/applications/{id}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task Unpaid_application_expires_with_its_invoice_and_a_late_payment_is_recorded_without_effect()
    {
        var (_, id, _) = await app.ApplyAsync("life-h", "RETAIL-TRADE");

        await app.DeliverAsync(new InvoiceExpiredIntegrationEvent(id, Scenario.ReferenceFor(id), DateTimeOffset.UtcNow));
        var late = await app.PayAsync(id);

        late.GetProperty("status").GetString().Should().Be("Expired");
        late.GetProperty("licenceNumber").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        late.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("cause").GetString())
            .Should().Equal("submitted", "invoice-expired", "payment-after-expired");
    }

    [Fact]
    public async Task Invoice_expiry_after_payment_changes_nothing()
    {
        var (_, id, _) = await app.ApplyAsync("life-i", "RETAIL-TRADE");
        await app.PayAsync(id);

        await app.DeliverAsync(new InvoiceExpiredIntegrationEvent(id, Scenario.ReferenceFor(id), DateTimeOffset.UtcNow));

        (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("Issued");
    }

    [Fact]
    public async Task Duplicated_payment_event_issues_one_licence()
    {
        var (_, id, _) = await app.ApplyAsync("life-j", "RETAIL-TRADE");
        var paid = new InvoicePaidIntegrationEvent(id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", "TX-1", DateTimeOffset.UtcNow);

        await app.DeliverAsync(paid);
        await app.DeliverAsync(paid);
        // A second event id for the same payment (e.g. a republish) is guarded by the state machine.
        await app.DeliverAsync(paid with { Id = Guid.NewGuid() });

        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE application_id = '{id}'")).Should().Be(1);
        (await app.OutboxAsync("licence-issued")).Count(e => e.GetProperty("applicationId").GetGuid() == id).Should().Be(1);
    }

    [Fact]
    public async Task Payment_arriving_before_the_invoice_announcement_is_tolerated()
    {
        var (_, id, _) = await app.ApplyAsync("life-k", "RETAIL-TRADE");

        await app.PayAsync(id, "RF71254");
        await app.DeliverAsync(new InvoiceIssuedIntegrationEvent(id, "RF71254", 500.00m, "TMT", DateTimeOffset.UtcNow.AddDays(14)));

        var application = await app.Regulator().GetJsonAsync($"/api/applications/{id}");
        application.GetProperty("status").GetString().Should().Be("Issued");
        application.GetProperty("paymentReference").GetString().Should().Be("RF71254");
    }

    [GeneratedRegex(@"^[A-Z-]+-\d{4}-\d{6}$")]
    private static partial Regex LicenceNumberPattern();
}

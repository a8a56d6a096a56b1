using System.Text.Json;
using FeePayments.Contracts;

namespace LicenceApplications.Tests;

/// <summary>Issue 13, renewal: the window, the payment, the new end date, and the refusals.</summary>
public sealed class RenewalTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private async Task<(string Company, string Licence, HttpClient Owner, DateOnly ValidUntil)> IssueAsync(string owner)
    {
        var (company, licence, client) = await app.IssueLicenceAsync(owner);
        return (company, licence, client, await app.ValidUntilAsync(licence));
    }

    /// <summary>A 12-month type renewed: the new end is a year on from the day after the old one, less a day.</summary>
    private static DateOnly RenewedEnd(DateOnly validUntil) => validUntil.AddDays(1).AddMonths(12).AddDays(-1);

    /// <summary>The licence is in <paramref name="status"/> and runs to <see cref="RenewedEnd"/>; returns it for further checks.</summary>
    private async Task<JsonElement> ShouldBeRenewedAsync(string licence, string status, DateOnly validUntil)
    {
        var renewed = await app.LicenceAsync(licence);
        renewed.GetProperty("status").GetString().Should().Be(status);
        DateOnly.Parse(renewed.GetProperty("validUntil").GetString()!).Should().Be(RenewedEnd(validUntil));
        return renewed;
    }

    [Fact]
    public async Task Renewal_in_the_window_is_invoiced_like_any_application_and_payment_moves_the_end_date_on_from_the_old_one()
    {
        var (company, licence, owner, validUntil) = await IssueAsync("ren-a");
        app.MoveClockTo(validUntil.AddDays(-30));

        var response = await owner.RenewAsync(licence);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var renewal = await response.ReadJsonAsync();
        var id = renewal.GetProperty("applicationId").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/applications/{id}");
        renewal.GetProperty("renewalOf").GetString().Should().Be(licence);
        renewal.GetProperty("status").GetString().Should().Be("AwaitingPayment");
        renewal.GetProperty("fee").GetDecimal().Should().Be(500.00m);
        // Fee payments invoices it from the same event as a first application, field for field.
        var submitted = (await app.OutboxAsync("application-submitted")).Single(e => e.GetProperty("applicationId").GetGuid() == id);
        var first = (await app.OutboxAsync("application-submitted")).First(e => e.GetProperty("registrationNumber").GetString() == company);
        submitted.EnumerateObject().Select(p => p.Name).Should().Equal(first.EnumerateObject().Select(p => p.Name));
        submitted.GetProperty("licenceType").GetString().Should().Be("RETAIL-TRADE");
        submitted.GetProperty("fee").GetDecimal().Should().Be(500.00m);
        submitted.GetProperty("legalName").GetString().Should().Be($"Company {company} LLC");

        // Paid days later: the year still counts from the old end date, not from the payment.
        app.Clock.Advance(TimeSpan.FromDays(10));
        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("Issued");
        paid.GetProperty("licenceNumber").GetString().Should().Be(licence);
        var renewed = await ShouldBeRenewedAsync(licence, "Active", validUntil);
        renewed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("cause").GetString()).Should().Equal("issued", "renewed");
        renewed.GetProperty("history")[1].GetProperty("applicationId").GetGuid().Should().Be(id);
        var published = (await app.OutboxAsync("licence-renewed")).Single(e => e.GetProperty("licenceNumber").GetString() == licence);
        published.GetProperty("renewalApplicationId").GetGuid().Should().Be(id);
        DateOnly.Parse(published.GetProperty("previousValidUntil").GetString()!).Should().Be(validUntil);
        DateOnly.Parse(published.GetProperty("validUntil").GetString()!).Should().Be(RenewedEnd(validUntil));
        published.GetProperty("version").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Renewal_before_the_window_or_after_the_grace_period_is_not_open()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-b");

        app.MoveClockTo(validUntil.AddDays(-61));
        await (await owner.RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.Conflict, "renewal-not-open");

        app.MoveClockTo(validUntil.AddDays(31));
        await app.RunExpiryAsync();
        await (await owner.RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.Conflict, "renewal-not-open");
        (await app.ScalarAsync($"SELECT count(*) FROM applications WHERE renewal_of = '{licence}'")).Should().Be(0);
    }

    [Fact]
    public async Task An_expired_licence_inside_its_grace_period_is_renewed_and_active_again()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-c");
        app.MoveClockTo(validUntil.AddDays(20));
        await app.RunExpiryAsync();
        (await app.LicenceAsync(licence)).GetProperty("status").GetString().Should().Be("Expired");

        var id = await owner.RenewOkAsync(licence);
        await app.PayAsync(id);

        await ShouldBeRenewedAsync(licence, "Active", validUntil);
        var changes = (await app.OutboxAsync("licence-status-changed")).Where(e => e.GetProperty("licenceNumber").GetString() == licence).ToList();
        changes.Select(e => (e.GetProperty("previousStatus").GetString(), e.GetProperty("status").GetString()))
            .Should().Equal(("Active", "Expired"), ("Expired", "Active"));
        changes[1].GetProperty("reason").GetString().Should().Be("renewed");
    }

    [Fact]
    public async Task One_open_renewal_per_licence_and_a_repeated_key_replays_the_first_answer()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-d");
        app.MoveClockTo(validUntil.AddDays(-5));

        var first = await owner.RenewAsync(licence, "renew-key");
        var replay = await owner.RenewAsync(licence, "renew-key");
        var second = await owner.RenewAsync(licence);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.Headers.Location.Should().Be(first.Headers.Location);
        (await replay.Content.ReadAsStringAsync()).Should().Contain((await first.ReadJsonAsync()).GetProperty("applicationId").GetString());
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate-application");
        // The key now belongs to the renewal: submitting something else with it is a reuse.
        await (await owner.SubmitAsync("RN-ANY", "RETAIL-TRADE", "renew-key")).AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reuse");
    }

    [Fact]
    public async Task Only_the_owner_renews_and_a_suspended_revoked_or_surrendered_licence_cannot_be()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-e");
        app.MoveClockTo(validUntil.AddDays(-10));
        var regulator = app.Regulator();

        await (await app.Business("ren-stranger").RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await regulator.RenewAsync(licence)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await owner.RenewAsync("NOPE-2026-000001")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        (await regulator.PostReasonAsync($"/api/licences/{licence}/suspend", "inspection")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await owner.RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await regulator.PostReasonAsync($"/api/licences/{licence}/revoke", "fraud")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await owner.RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var (_, other, otherOwner, _) = await IssueAsync("ren-e2");
        (await otherOwner.PostReasonAsync($"/api/licences/{other}/surrender", "closing")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await otherOwner.RenewAsync(other)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task A_reviewed_type_is_renewed_only_when_a_regulator_approves_with_its_documents()
    {
        var (company, owner) = await app.OwnCompanyAsync("ren-f");
        var first = await owner.SubmitIdAsync(company, "PHARMACY");
        await app.PayAsync(first);
        await owner.UploadRequiredAsync(first, DocumentSteps.PharmacyDocuments);
        var licence = (await (await app.Regulator().PostAsJsonAsync($"/api/applications/{first}/decision", new { approve = true })).ReadJsonAsync())
            .GetProperty("licenceNumber").GetString()!;
        var validUntil = await app.ValidUntilAsync(licence);
        app.MoveClockTo(validUntil.AddDays(-80));

        var id = await owner.RenewOkAsync(licence);
        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("UnderReview");
        (await app.ValidUntilAsync(licence)).Should().Be(validUntil);
        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "documents-missing");
        await owner.UploadRequiredAsync(id, DocumentSteps.PharmacyDocuments);
        var approved = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true });

        (await approved.ReadJsonAsync()).GetProperty("licenceNumber").GetString().Should().Be(licence);
        (await app.ValidUntilAsync(licence)).Should().Be(validUntil.AddDays(1).AddMonths(36).AddDays(-1));
    }

    [Fact]
    public async Task A_renewal_paid_while_the_company_is_suspended_waits_for_a_regulator_and_applies_once_approved()
    {
        var (company, licence, owner, validUntil) = await IssueAsync("ren-g");
        app.MoveClockTo(validUntil.AddDays(-15));
        var id = await owner.RenewOkAsync(licence);
        await app.CompanyStatusAsync(company, "Active", "Suspended", 2);

        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("UnderReview");
        var held = await app.LicenceAsync(licence);
        held.GetProperty("status").GetString().Should().Be("Suspended");
        DateOnly.Parse(held.GetProperty("validUntil").GetString()!).Should().Be(validUntil);
        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");

        await app.CompanyStatusAsync(company, "Suspended", "Active", 3);
        var approved = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true });

        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        await ShouldBeRenewedAsync(licence, "Active", validUntil);
    }

    [Fact]
    public async Task A_renewal_paid_while_a_regulator_suspends_the_licence_extends_it_and_leaves_it_suspended()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-h");
        app.MoveClockTo(validUntil.AddDays(-15));
        var id = await owner.RenewOkAsync(licence);
        (await app.Regulator().PostReasonAsync($"/api/licences/{licence}/suspend", "inspection")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.PayAsync(id)).GetProperty("status").GetString().Should().Be("Issued");

        await ShouldBeRenewedAsync(licence, "Suspended", validUntil);
    }

    [Fact]
    public async Task A_payment_racing_the_expiry_job_still_renews_from_the_old_end_date()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-i");
        app.MoveClockTo(validUntil.AddDays(-3));
        var id = await owner.RenewOkAsync(licence);
        app.MoveClockTo(validUntil.AddDays(2));
        // The expiry job commits between the payment handler's read of the licence and its write.
        app.SaveHook.BeforeNextSave(async () => (await app.RunExpiryAsync()).Should().BeGreaterThanOrEqualTo(1));

        await app.PayAsync(id);

        var renewed = await ShouldBeRenewedAsync(licence, "Active", validUntil);
        renewed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString())
            .Should().Equal("Active", "Expired", "Active");
        (await app.RunExpiryAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Dissolving_the_company_cancels_its_open_renewal_and_a_late_payment_changes_nothing()
    {
        var (company, licence, owner, validUntil) = await IssueAsync("ren-j");
        app.MoveClockTo(validUntil.AddDays(-15));
        var id = await owner.RenewOkAsync(licence);

        await app.CompanyStatusAsync(company, "Active", "Dissolved", 2);

        (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("Cancelled");
        (await app.OutboxAsync("application-cancelled")).Should().Contain(e => e.GetProperty("applicationId").GetGuid() == id);
        var late = await app.PayAsync(id);
        late.GetProperty("status").GetString().Should().Be("Cancelled");
        late.GetProperty("licenceNumber").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var revoked = await app.LicenceAsync(licence);
        revoked.GetProperty("status").GetString().Should().Be("Revoked");
        DateOnly.Parse(revoked.GetProperty("validUntil").GetString()!).Should().Be(validUntil);
    }

    [Fact]
    public async Task Surrender_ends_the_licence_for_good_cancels_its_open_renewal_and_is_published()
    {
        var (_, licence, owner, validUntil) = await IssueAsync("ren-k");
        app.MoveClockTo(validUntil.AddDays(-15));
        var renewal = await owner.RenewOkAsync(licence);

        await (await owner.PostReasonAsync($"/api/licences/{licence}/surrender", " ")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await app.Business("ren-stranger").PostReasonAsync($"/api/licences/{licence}/surrender", "mine"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.Regulator().PostReasonAsync($"/api/licences/{licence}/surrender", "x")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var surrendered = await owner.PostReasonAsync($"/api/licences/{licence}/surrender", "closing the shop");

        (await surrendered.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Surrendered");
        await (await owner.PostReasonAsync($"/api/licences/{licence}/surrender", "again")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await (await app.Regulator().PostReasonAsync($"/api/licences/{licence}/reinstate", "no"))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        var published = (await app.OutboxAsync("licence-status-changed")).Single(e => e.GetProperty("licenceNumber").GetString() == licence);
        published.GetProperty("status").GetString().Should().Be("Surrendered");
        published.GetProperty("reason").GetString().Should().Be("closing the shop");
        (await app.Regulator().GetJsonAsync($"/api/applications/{renewal}")).GetProperty("status").GetString().Should().Be("Cancelled");
        (await app.OutboxAsync("application-cancelled")).Should().Contain(e => e.GetProperty("applicationId").GetGuid() == renewal);
        await app.DeliverAsync(new InvoicePaidIntegrationEvent(renewal, Scenario.ReferenceFor(renewal), 500m, "TMT", "DEMOBANK", "TX-S", DateTimeOffset.UtcNow));
        (await app.LicenceAsync(licence)).GetProperty("status").GetString().Should().Be("Surrendered");
    }
}

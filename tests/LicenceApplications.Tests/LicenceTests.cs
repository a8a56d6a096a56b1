using CompanyRegistry.Contracts;
using LicenceApplications.Api.Licences;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests;

public sealed class LicenceTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Licence_is_visible_to_its_owner_and_regulators_only()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("lic-a");

        (await owner.GetAsync($"/api/licences/{licence}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Regulator().GetAsync($"/api/licences/{licence}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await app.Business("stranger").GetAsync($"/api/licences/{licence}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.CreateClient().GetAsync($"/api/licences/{licence}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Regulator_suspends_reinstates_and_revokes_and_each_change_is_published_with_a_growing_version()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("lic-b");
        var regulator = app.Regulator();

        (await owner.PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await regulator.PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        (await (await regulator.PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "inspection" })).ReadJsonAsync())
            .GetProperty("status").GetString().Should().Be("Suspended");
        await (await regulator.PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await regulator.PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "fixed" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await regulator.PostAsJsonAsync($"/api/licences/{licence}/revoke", new { reason = "fraud" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await regulator.PostAsJsonAsync($"/api/licences/{licence}/revoke", new { reason = "twice" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var changes = (await app.OutboxAsync("licence-status-changed")).Where(e => e.GetProperty("licenceNumber").GetString() == licence).ToList();
        changes.Select(e => e.GetProperty("status").GetString()).Should().Equal("Suspended", "Active", "Revoked");
        changes.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(2, 3, 4);
        changes[0].GetProperty("reason").GetString().Should().Be("inspection");
    }

    [Fact]
    public async Task Unknown_licence_is_not_found_for_regulators_too()
    {
        await (await app.Regulator().PostAsJsonAsync("/api/licences/NOPE-2026-000001/revoke", new { reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Verification_is_public_cacheable_and_shows_only_public_facts()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("lic-c");

        var response = await app.CreateClient().GetAsync($"/verify/licences/{licence}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromSeconds(60));
        var body = await response.ReadJsonAsync();
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("licenceNumber", "holderName", "licenceType", "status", "validUntil");
        body.GetProperty("holderName").GetString().Should().Be($"Company {company} LLC");
        body.GetProperty("status").GetString().Should().Be("Active");

        await (await app.CreateClient().GetAsync("/verify/licences/NOPE-2026-000001")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Licences_expire_after_their_validity_and_the_change_is_published()
    {
        var (_, licence, _) = await app.IssueLicenceAsync("lic-d");
        var job = app.Services.GetRequiredService<LicenceExpiryJob>();

        await job.RunOnceAsync(CancellationToken.None);
        (await app.LicenceStatusAsync(licence)).Should().Be("Active");

        app.Clock.Advance(TimeSpan.FromDays(367));
        (await job.RunOnceAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);

        (await app.LicenceStatusAsync(licence)).Should().Be("Expired");
        (await app.OutboxAsync("licence-status-changed"))
            .Should().Contain(e => e.GetProperty("licenceNumber").GetString() == licence && e.GetProperty("status").GetString() == "Expired");
        (await job.RunOnceAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Company_suspension_suspends_its_licences_and_reinstatement_revives_only_those()
    {
        var company = await app.RegisterCompanyAsync("lic-e");
        var (_, byCompany, _) = await app.IssueLicenceAsync("lic-e", "RETAIL-TRADE", company);
        var (_, byRegulator, _) = await app.IssueLicenceAsync("lic-e", "FOOD-SERVICE", company);
        (await app.Regulator().PostAsJsonAsync($"/api/licences/{byRegulator}/suspend", new { reason = "hygiene" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await app.CompanyStatusAsync(company, "Active", "Suspended", 2, "tax debt");
        (await app.LicenceStatusAsync(byCompany)).Should().Be("Suspended");
        (await app.OutboxAsync("licence-status-changed")).Should().Contain(e =>
            e.GetProperty("licenceNumber").GetString() == byCompany && e.GetProperty("reason").GetString() == "company-suspended");
        await (await app.Regulator().PostAsJsonAsync($"/api/licences/{byCompany}/reinstate", new { reason = "early" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");

        await app.CompanyStatusAsync(company, "Suspended", "Active", 3);
        (await app.LicenceStatusAsync(byCompany)).Should().Be("Active");
        (await app.LicenceStatusAsync(byRegulator)).Should().Be("Suspended");
    }

    [Fact]
    public async Task Stale_and_repeated_company_events_change_nothing()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("lic-f");

        await app.CompanyStatusAsync(company, "Active", "Suspended", 2);
        await app.CompanyStatusAsync(company, "Suspended", "Active", 3);
        // The suspension arrives again, late, under a new event id: older than what we have, ignored.
        await app.CompanyStatusAsync(company, "Active", "Suspended", 2);

        (await app.LicenceStatusAsync(licence)).Should().Be("Active");
    }

    [Fact]
    public async Task Dissolving_the_company_revokes_its_live_licences()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("lic-g");

        await app.CompanyStatusAsync(company, "Active", "Dissolved", 2);

        (await app.LicenceStatusAsync(licence)).Should().Be("Revoked");
        var owner = app.Business("lic-g");
        await (await owner.SubmitAsync(company, "FOOD-SERVICE")).AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");
    }

    [Fact]
    public async Task Status_change_seen_before_the_registration_is_kept()
    {
        var number = Scenario.NewRegistrationNumber();
        await app.CompanyStatusAsync(number, "Active", "Suspended", 2);
        await app.DeliverAsync(new CompanyRegisteredIntegrationEvent(number, "Late LLC", "LLC", "lic-h", ["47.11"], "Active", DateTimeOffset.UtcNow));

        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND status = 'Suspended' AND version = 2 AND owner_subject = 'lic-h'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Subscriptions_cover_every_consumed_topic()
    {
        var subscriptions = await app.CreateClient().GetJsonAsync("/dapr/subscribe");

        subscriptions.EnumerateArray().Select(s => s.GetProperty("topic").GetString()).Should().Contain(
            ["company-registered", "company-status-changed", "invoice-issued", "invoice-paid", "invoice-expired"]);
    }
}

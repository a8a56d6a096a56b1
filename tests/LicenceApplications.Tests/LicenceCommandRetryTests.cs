using System.Net;
using System.Net.Http.Json;
using CompanyRegistry.Contracts;
using LicenceApplications.Tests.Support;

namespace LicenceApplications.Tests;

/// <summary>
/// A regulator's licence command whose row a company status event updates between the command's read
/// and its write is decided again on the fresh row, never answered with a concurrency 409. The
/// registry, not the local view, decides whether a licence may come back.
/// </summary>
public sealed class LicenceCommandRetryTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private async Task<(string Company, string Licence)> IssueAsync(string owner)
    {
        var company = await app.RegisterCompanyAsync(owner);
        var id = (await app.Business(owner).SubmitOkAsync(company, "RETAIL-TRADE")).GetProperty("applicationId").GetGuid();
        return (company, (await app.PayAsync(id)).GetProperty("licenceNumber").GetString()!);
    }

    private async Task CompanyEventAsync(string company, string previous, string status, long version)
    {
        app.RegistryStatusIs(company, status, version);
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(company, previous, status, null, version, DateTimeOffset.UtcNow));
    }

    private async Task<List<string?>> PublishedStatusesAsync(string licence) =>
        [.. (await app.OutboxAsync("licence-status-changed"))
            .Where(e => e.GetProperty("licenceNumber").GetString() == licence)
            .Select(e => e.GetProperty("status").GetString())];

    [Fact]
    public async Task Suspend_succeeds_while_company_events_suspend_and_revive_the_licence_row()
    {
        var (company, licence) = await IssueAsync("retry-suspend");
        app.SaveHook.BeforeNextSave(async () =>
        {
            await CompanyEventAsync(company, "Active", "Suspended", 2);
            await CompanyEventAsync(company, "Suspended", "Active", 3);
        });

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "inspection" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Suspended");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Active", "Suspended");
        (await app.CountAsync($"SELECT count(*) FROM licences WHERE licence_number = '{licence}' AND suspension_cause = 'regulator'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Revoke_succeeds_while_a_company_suspension_updates_the_licence_row()
    {
        var (company, licence) = await IssueAsync("retry-revoke");
        app.SaveHook.BeforeNextSave(() => CompanyEventAsync(company, "Active", "Suspended", 2));

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/revoke", new { reason = "fraud" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Revoked");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Revoked");
    }

    [Fact]
    public async Task Reinstate_racing_the_company_reinstatement_is_decided_again_on_the_fresh_row()
    {
        var (company, licence) = await IssueAsync("retry-reinstate");
        await CompanyEventAsync(company, "Active", "Suspended", 2);
        app.RegistryStatusIs(company, "Active", 3);
        // The company's reinstatement revives the licence between the regulator's read and write.
        app.SaveHook.BeforeNextSave(() => CompanyEventAsync(company, "Suspended", "Active", 3));

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "early" });

        // Re-read, the licence is already Active: a real state conflict, answered as one (not "changed meanwhile").
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await response.ReadJsonAsync()).GetProperty("detail").GetString().Should().Contain("status Active");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Active");
    }

    [Fact]
    public async Task Reinstate_asks_the_registry_whether_the_company_is_active_before_its_event_arrives()
    {
        var (company, licence) = await IssueAsync("reinstate-registry");
        (await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "inspection" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        // Suspended in the registry a moment ago; the local view still says Active.
        app.RegistryStatusIs(company, "Suspended", 2);

        await (await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "fixed" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");

        app.RegistryAnswers($"/internal/companies/{company}/status", 500);
        await (await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "fixed" }))
            .AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "registry-unavailable");

        app.RegistryStatusIs(company, "Active", 3);
        var reinstated = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "fixed" });
        reinstated.StatusCode.Should().Be(HttpStatusCode.OK, await reinstated.Content.ReadAsStringAsync());
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Active");
    }
}

using CompanyRegistry.Contracts;

namespace LicenceApplications.Tests;

/// <summary>
/// A regulator's licence command whose row a company status event updates between the command's read
/// and its write is decided again on the fresh row, never answered with a concurrency 409. The
/// registry, not the local view, decides whether a licence may come back.
/// </summary>
public sealed class LicenceCommandRetryTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private async Task<List<string?>> PublishedStatusesAsync(string licence) =>
        [.. (await app.OutboxAsync("licence-status-changed"))
            .Where(e => e.GetProperty("licenceNumber").GetString() == licence)
            .Select(e => e.GetProperty("status").GetString())];

    [Fact]
    public async Task Suspend_succeeds_while_company_events_suspend_and_revive_the_licence_row()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("retry-suspend");
        app.SaveHook.BeforeNextSave(async () =>
        {
            await app.CompanyStatusAsync(company, "Active", "Suspended", 2);
            await app.CompanyStatusAsync(company, "Suspended", "Active", 3);
        });

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/suspend", new { reason = "inspection" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Suspended");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Active", "Suspended");
        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE licence_number = '{licence}' AND suspension_cause = 'regulator'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Revoke_succeeds_while_a_company_suspension_updates_the_licence_row()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("retry-revoke");
        app.SaveHook.BeforeNextSave(() => app.CompanyStatusAsync(company, "Active", "Suspended", 2));

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/revoke", new { reason = "fraud" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Revoked");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Revoked");
    }

    [Fact]
    public async Task Reinstate_racing_the_company_reinstatement_is_decided_again_on_the_fresh_row()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("retry-reinstate");
        await app.CompanyStatusAsync(company, "Active", "Suspended", 2);
        app.RegistryStatusIs(company, "Active", 3);
        // The company's reinstatement revives the licence between the regulator's read and write.
        app.SaveHook.BeforeNextSave(() => app.CompanyStatusAsync(company, "Suspended", "Active", 3));

        var response = await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/reinstate", new { reason = "early" });

        // Re-read, the licence is already Active: a real state conflict, answered as one (not "changed meanwhile").
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await response.ReadJsonAsync()).GetProperty("detail").GetString().Should().Contain("status Active");
        (await PublishedStatusesAsync(licence)).Should().Equal("Suspended", "Active");
    }

    [Fact]
    public async Task Reinstate_asks_the_registry_whether_the_company_is_active_before_its_event_arrives()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("reinstate-registry");
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

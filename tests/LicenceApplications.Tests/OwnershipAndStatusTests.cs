using CompanyRegistry.Contracts;

namespace LicenceApplications.Tests;

/// <summary>
/// Ownership and company status at submission and issue come from the registry (WireMock here), the
/// source of truth, so the answers do not depend on whether the registry's events have arrived yet.
/// </summary>
public sealed class OwnershipAndStatusTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private Task DeliverRegisteredAsync(string number, string owner) =>
        app.DeliverAsync(new CompanyRegisteredIntegrationEvent(
            number, $"Company {number} LLC", "LLC", owner, ["47.11", "47.73"], "Active", DateTimeOffset.UtcNow));

    [Fact]
    public async Task Another_business_company_is_403_before_and_after_its_event_arrived()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryKnows(number, "rightful-owner");
        var intruder = app.Business("intruder-10");

        await (await intruder.SubmitAsync(number, "RETAIL-TRADE")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await DeliverRegisteredAsync(number, "rightful-owner");
        await (await intruder.SubmitAsync(number, "RETAIL-TRADE")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Token_with_both_roles_gets_no_pass_for_another_business_company()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryKnows(number, "rightful-owner");
        var dual = app.ClientFor("dual-role", "business", "regulator");

        await (await dual.SubmitAsync(number, "RETAIL-TRADE")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        // The lookup recorded the registry's owner, never the caller.
        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND owner_subject = 'rightful-owner'"))
            .Should().Be(1);
        await DeliverRegisteredAsync(number, "rightful-owner");
        await (await dual.SubmitAsync(number, "RETAIL-TRADE")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await app.ScalarAsync($"SELECT count(*) FROM applications WHERE registration_number = '{number}'")).Should().Be(0);
    }

    [Fact]
    public async Task Company_suspended_at_the_registry_a_moment_ago_cannot_apply()
    {
        var company = await app.RegisterCompanyAsync("owner-11a");
        // Suspended at the registry; the event has not reached this service.
        app.RegistryStatusIs(company, "Suspended", 2);

        var response = await app.Business("owner-11a").SubmitAsync(company, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");
    }

    [Fact]
    public async Task Payment_for_a_company_suspended_before_its_event_arrived_is_held_and_issued_only_once_active()
    {
        var company = await app.RegisterCompanyAsync("owner-11b");
        var id = await app.Business("owner-11b").SubmitIdAsync(company, "RETAIL-TRADE");
        app.RegistryStatusIs(company, "Suspended", 2);

        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("UnderReview");
        paid.GetProperty("licenceNumber").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE application_id = '{id}'")).Should().Be(0);
        await (await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");

        app.RegistryStatusIs(company, "Active", 3);
        var approved = await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/decision", new { approve = true });
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await approved.ReadJsonAsync()).GetProperty("status").GetString().Should().Be("Issued");
    }

    [Fact]
    public async Task Payment_is_not_issued_when_the_registry_cannot_confirm_the_company()
    {
        var company = await app.RegisterCompanyAsync("owner-11c");
        var id = await app.Business("owner-11c").SubmitIdAsync(company, "RETAIL-TRADE");
        app.RegistryAnswers($"/internal/companies/{company}/status", 404);

        var paid = await app.PayAsync(id);

        paid.GetProperty("status").GetString().Should().Be("UnderReview");
        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE application_id = '{id}'")).Should().Be(0);
    }

    [Fact]
    public async Task Dissolution_cancels_open_applications_and_announces_each_cancellation()
    {
        var (company, owner) = await app.OwnCompanyAsync("owner-11d");
        var unpaid = await owner.SubmitIdAsync(company, "RETAIL-TRADE");
        var inReview = await owner.SubmitIdAsync(company, "PHARMACY");
        (await app.PayAsync(inReview)).GetProperty("status").GetString().Should().Be("UnderReview");

        app.RegistryStatusIs(company, "Dissolved", 2);
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(company, "Active", "Dissolved", null, 2, DateTimeOffset.UtcNow));

        foreach (var id in new[] { unpaid, inReview })
        {
            var application = await app.Regulator().GetJsonAsync($"/api/applications/{id}");
            application.GetProperty("status").GetString().Should().Be("Cancelled");
        }

        var cancelled = (await app.OutboxAsync("application-cancelled")).Select(e => e.GetProperty("applicationId").GetGuid()).ToList();
        cancelled.Should().Contain([unpaid, inReview]);
        // A bank paying the cancelled one late changes nothing but the record of a refund to make.
        var late = await app.PayAsync(unpaid);
        late.GetProperty("status").GetString().Should().Be("Cancelled");
        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE registration_number = '{company}'")).Should().Be(0);
    }

    [Fact]
    public async Task Suspension_leaves_open_applications_open()
    {
        var company = await app.RegisterCompanyAsync("owner-11e");
        var id = await app.Business("owner-11e").SubmitIdAsync(company, "RETAIL-TRADE");

        app.RegistryStatusIs(company, "Suspended", 2);
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(company, "Active", "Suspended", "audit", 2, DateTimeOffset.UtcNow));

        (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("AwaitingPayment");
    }
}

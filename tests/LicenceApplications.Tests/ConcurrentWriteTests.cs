using CompanyRegistry.Contracts;
using FeePayments.Contracts;

namespace LicenceApplications.Tests;

/// <summary>Events and people write the same rows at the same moment: neither side may fail for it.</summary>
public sealed class ConcurrentWriteTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Cancel_right_after_submit_succeeds_while_the_invoice_event_updates_the_row()
    {
        var (company, owner) = await app.OwnCompanyAsync("cw-owner-a");
        var id = await owner.SubmitIdAsync(company, "RETAIL-TRADE");
        var reference = Scenario.ReferenceFor(id);
        // The invoice event lands between the cancel's read and its write.
        app.SaveHook.BeforeNextSave(() => app.DeliverAsync(
            new InvoiceIssuedIntegrationEvent(id, reference, 500.00m, "TMT", DateTimeOffset.UtcNow.AddDays(14))));

        var response = await owner.PostAsync($"/api/applications/{id}/cancel", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var application = await response.ReadJsonAsync();
        application.GetProperty("status").GetString().Should().Be("Cancelled");
        application.GetProperty("paymentReference").GetString().Should().Be(reference);
    }

    [Fact]
    public async Task Cancel_after_a_concurrent_payment_is_still_a_real_conflict()
    {
        var (company, owner) = await app.OwnCompanyAsync("cw-owner-b");
        var id = await owner.SubmitIdAsync(company, "RETAIL-TRADE");
        app.SaveHook.BeforeNextSave(() => app.DeliverAsync(new InvoicePaidIntegrationEvent(
            id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", $"TX-{Guid.NewGuid():N}", DateTimeOffset.UtcNow)));

        var response = await owner.PostAsync($"/api/applications/{id}/cancel", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("Issued");
    }

    [Fact]
    public async Task Registration_event_after_the_registry_lookup_succeeds_and_keeps_the_registry_facts()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryKnows(number, "cw-owner-c");
        (await app.Business("cw-owner-c").SubmitAsync(number, "RETAIL-TRADE")).StatusCode.Should().Be(HttpStatusCode.Created);

        // DeliverAsync asserts 200: no unique violation, no redelivery.
        await app.DeliverAsync(Registered(number, "cw-owner-c"));

        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND owner_subject = 'cw-owner-c' AND version = 1"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Registry_lookup_after_the_registration_event_and_a_suspension_leaves_the_newest_status()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryKnows(number, "cw-owner-d");
        await app.DeliverAsync(Registered(number, "cw-owner-d"));
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(number, "Active", "Suspended", null, 2, DateTimeOffset.UtcNow));
        app.RegistryStatusIs(number, "Active", 3);

        // The lookup (registry now says Active v3) must not overwrite the status events' view: only v3's event may.
        (await app.Business("cw-owner-d").SubmitAsync(number, "RETAIL-TRADE")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND status = 'Suspended' AND version = 2"))
            .Should().Be(1);
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(number, "Suspended", "Active", null, 3, DateTimeOffset.UtcNow));
        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND status = 'Active' AND version = 3"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Registration_event_lookup_and_status_change_racing_all_succeed_and_leave_the_newest_version()
    {
        for (var round = 0; round < 10; round++)
        {
            var owner = $"cw-race-{round}";
            var number = Scenario.NewRegistrationNumber();
            app.RegistryKnows(number, owner);

            var submit = app.Business(owner).SubmitAsync(number, "RETAIL-TRADE");
            var registered = app.DeliverAsync(Registered(number, owner));
            var suspended = app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(number, "Active", "Suspended", null, 2, DateTimeOffset.UtcNow));
            var registeredAgain = app.DeliverAsync(Registered(number, owner));
            await Task.WhenAll(registered, suspended, registeredAgain);

            (await submit).StatusCode.Should().Be(HttpStatusCode.Created);
            (await app.ScalarAsync(
                    $"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND owner_subject = '{owner}' AND status = 'Suspended' AND version = 2"))
                .Should().Be(1);
        }
    }

    [Fact]
    public async Task Company_suspension_answers_200_with_one_effect_when_a_regulator_suspends_a_licence_between_its_read_and_write()
    {
        var company = await app.RegisterCompanyAsync("cw-owner-e");
        var byCompany = (await app.IssueLicenceAsync("cw-owner-e", "RETAIL-TRADE", company)).Licence;
        var byRegulator = (await app.IssueLicenceAsync("cw-owner-e", "FOOD-SERVICE", company)).Licence;
        app.RegistryStatusIs(company, "Suspended", 2);
        // The handler has read both Active licences; the regulator's suspension of one commits before the handler writes.
        app.SaveHook.BeforeNextSave(async () =>
            (await app.Regulator().PostAsJsonAsync($"/api/licences/{byRegulator}/suspend", new { reason = "hygiene" }))
                .StatusCode.Should().Be(HttpStatusCode.OK));

        // DeliverAsync asserts 200: the inbox handled the event again on the fresh rows, no 500, no redelivery.
        await app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(company, "Active", "Suspended", "tax debt", 2, DateTimeOffset.UtcNow));

        var changes = (await app.OutboxAsync("licence-status-changed"))
            .Select(e => $"{e.GetProperty("licenceNumber").GetString()} {e.GetProperty("status").GetString()} {e.GetProperty("reason").GetString()}");
        changes.Should().BeEquivalentTo($"{byRegulator} Suspended hygiene", $"{byCompany} Suspended company-suspended");
        (await app.ScalarAsync($"SELECT count(*) FROM licences WHERE licence_number = '{byRegulator}' AND suspension_cause = 'regulator'"))
            .Should().Be(1, "the regulator's suspension is kept, not overwritten by the handler's stale read");
        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{company}' AND status = 'Suspended' AND version = 2"))
            .Should().Be(1);
    }

    private static CompanyRegisteredIntegrationEvent Registered(string number, string owner) =>
        new(number, $"Company {number} LLC", "LLC", owner, ["47.11", "47.73", "56.10", "41.20"], "Active", DateTimeOffset.UtcNow);
}

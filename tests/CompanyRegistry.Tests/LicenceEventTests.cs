using System.Text.Json;
using LicenceApplications.Contracts;
using Npgsql;

namespace CompanyRegistry.Tests;

public sealed class LicenceEventTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    private Task<CompanyBody> CompanyAsync(string number) => app.Regulator().CompanyAsync(number);

    private static List<(string Number, string Type, string Status)> Licences(CompanyBody company) =>
        [.. company.Licences.Select(l => (l.LicenceNumber, l.LicenceType, l.Status))];

    [Fact]
    public async Task Subscribes_to_both_licence_topics_with_dead_letter_topics()
    {
        var subscriptions = await app.CreateClient().GetFromJsonAsync<List<JsonElement>>("/dapr/subscribe");

        var topics = subscriptions!.Select(s => s.Str("topic")).ToList();
        topics.Should().Contain([LicenceIssuedIntegrationEvent.Topic, LicenceStatusChangedIntegrationEvent.Topic, LicenceRenewedIntegrationEvent.Topic]);
        var issued = subscriptions!.Single(s => s.Str("topic") == LicenceIssuedIntegrationEvent.Topic);
        issued.Str("pubsubName").Should().Be("pubsub");
        issued.Str("deadLetterTopic").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Licence_issued_adds_the_licence_and_a_system_history_entry()
    {
        var number = (await app.Business("licence-owner-1").RegisterAsync("Licensed Pharmacy")).RegistrationNumber;

        var response = await app.CreateClient().DeliverAsync(LicenceEvents.Issued(number, "LIC-1001", "pharmacy"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Licences(await CompanyAsync(number)).Should().Equal(("LIC-1001", "pharmacy", "Active"));
        var owner = await app.Business("licence-owner-1").CompanyAsync(number);
        owner.Licences.Single().ValidUntil.Should().Be(new DateOnly(2027, 1, 1));
        var history = await app.Regulator().HistoryAsync(number);
        (history[^1].Action, history[^1].Actor).Should().Be(("LicenceAdded", "system:licence-issued"));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_changes_nothing_the_second_time()
    {
        var number = (await app.Business("licence-owner-2").RegisterAsync("Twice Delivered")).RegistrationNumber;
        var evt = LicenceEvents.Issued(number, "LIC-2001", "pharmacy");
        var client = app.CreateClient();

        (await client.DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);

        Licences(await CompanyAsync(number)).Should().HaveCount(1);
        (await app.ScalarAsync("SELECT count(*) FROM company_history h JOIN companies c ON c.id = h.company_id WHERE c.registration_number = $1 AND h.action = 'LicenceAdded'", number))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_licence_events_inbox_row_goes_in_the_projections_insert()
    {
        var number = (await app.Business("licence-owner-7").RegisterAsync("One Trip Pharmacy")).RegistrationNumber;
        var evt = LicenceEvents.Issued(number, "LIC-7001", "pharmacy");
        using var statements = NpgsqlStatements.Of(new NpgsqlConnectionStringBuilder(app.ConnectionString).Database);

        (await app.CreateClient().DeliverAsync(evt)).StatusCode.Should().Be(HttpStatusCode.OK);
        var delivered = statements.Texts.ToList(); // before this test's own reads

        delivered.Where(t => t.Contains("inbox_messages", StringComparison.Ordinal)).Should()
            .ContainSingle("the inbox writes no row of its own").Which.Should().Contain("INSERT INTO company_licences");
        (await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE event_id = $1", evt.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Racing_redeliveries_add_the_licence_and_its_history_entry_once()
    {
        var number = (await app.Business("licence-owner-8").RegisterAsync("Raced Pharmacy")).RegistrationNumber;
        var evt = LicenceEvents.Issued(number, "LIC-8001", "pharmacy");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.CreateClient().DeliverAsync(evt)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        Licences(await CompanyAsync(number)).Should().Equal(("LIC-8001", "pharmacy", "Active"));
        (await app.ScalarAsync("SELECT count(*) FROM company_history h JOIN companies c ON c.id = h.company_id WHERE c.registration_number = $1 AND h.action = 'LicenceAdded'", number))
            .Should().Be(1);
        (await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE event_id = $1", evt.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_renewal_moves_the_licence_validity_on_and_a_late_older_change_does_not_undo_it()
    {
        var number = (await app.Business("licence-owner-renewal").RegisterAsync("Renewed Bakery")).RegistrationNumber;
        var client = app.CreateClient();
        var oldEnd = new DateOnly(2027, 1, 1);
        var newEnd = new DateOnly(2028, 1, 1);

        await client.DeliverAsync(LicenceEvents.Issued(number, "LIC-R001", "food", version: 1));
        (await client.DeliverAsync(LicenceEvents.Renewed(number, "LIC-R001", "food", oldEnd, newEnd, version: 3)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        // A status change older than the renewal (version 2) arrives late: ignored.
        await client.DeliverAsync(LicenceEvents.Changed(number, "LIC-R001", "food", "Active", "Suspended", 2));

        var licence = (await app.Business("licence-owner-renewal").CompanyAsync(number)).Licences.Single();
        (licence.Status, licence.ValidUntil).Should().Be(("Active", newEnd));
        var history = await app.Regulator().HistoryAsync(number);
        (history[^1].Action, history[^1].Actor).Should().Be(("LicenceChanged", "system:licence-renewed"));
        history[^1].Changes.GetProperty("validUntil").Str("to").Should().Be("2028-01-01");
    }

    [Fact]
    public async Task Out_of_order_events_converge_on_the_newest_version()
    {
        var number = (await app.Business("licence-owner-3").RegisterAsync("Reordered Events")).RegistrationNumber;
        var client = app.CreateClient();

        // Suspension (v2) overtakes the issue (v1); then a stale v2 replay arrives as a new event id.
        await client.DeliverAsync(LicenceEvents.Changed(number, "LIC-3001", "taxi", "Active", "Suspended", 2));
        await client.DeliverAsync(LicenceEvents.Issued(number, "LIC-3001", "taxi", version: 1));
        Licences(await CompanyAsync(number)).Should().Equal(("LIC-3001", "taxi", "Suspended"));

        await client.DeliverAsync(LicenceEvents.Changed(number, "LIC-3001", "taxi", "Suspended", "Active", 3));
        await client.DeliverAsync(LicenceEvents.Changed(number, "LIC-3001", "taxi", "Active", "Suspended", 2));
        Licences(await CompanyAsync(number)).Should().Equal(("LIC-3001", "taxi", "Active"));

        var history = await app.Regulator().HistoryAsync(number);
        history.Select(h => h.Action).Should().Equal("Registered", "LicenceAdded", "LicenceChanged");
        history[2].Actor.Should().Be("system:licence-status-changed");
        history[2].Changes.GetProperty("status").Str("from").Should().Be("Suspended");
    }

    [Fact]
    public async Task Company_suspension_and_dissolution_show_on_its_licences_at_once()
    {
        var owner = app.Business("licence-owner-4");
        var number = (await owner.RegisterAsync("Suspended Licensee")).RegistrationNumber;
        await app.CreateClient().DeliverAsync(LicenceEvents.Issued(number, "LIC-4001", "retail"));

        var suspended = await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Audit" });
        Licences(await suspended.ReadAsync<CompanyBody>()).Should().Equal(("LIC-4001", "retail", "Suspended"));
        await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/reinstate", new { reason = "Done" });
        Licences(await CompanyAsync(number)).Should().Equal(("LIC-4001", "retail", "Active"));
        var dissolved = await owner.PostAsync($"/api/companies/{number}/dissolve", null);
        Licences(await dissolved.ReadAsync<CompanyBody>()).Should().Equal(("LIC-4001", "retail", "Revoked"));
    }

    [Fact]
    public async Task A_licence_for_an_unknown_company_is_acknowledged_and_ignored()
    {
        var ghost = CompanyRegistry.Api.Domain.RegistrationNumber.Format(2020, 777777);

        var evt = LicenceEvents.Issued(ghost, "LIC-5001", "retail");

        var response = await app.CreateClient().DeliverAsync(evt);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.ScalarAsync("SELECT count(*) FROM company_licences WHERE licence_number = 'LIC-5001'")).Should().Be(0);
        // Nothing to write, so no claim in the handler's statement: the inbox writes the event's row after it.
        (await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE event_id = $1", evt.Id)).Should().Be(1);
    }
}

using System.Text.Json;

namespace CompanyRegistry.Tests;

/// <summary>PATCH /api/companies/{registrationNumber}: who may amend, when, name clashes, history, the event and concurrency.</summary>
public sealed class AmendmentTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task A_name_a_live_company_uses_is_409_duplicate_name_in_any_case_or_accents_a_dissolved_ones_is_free()
    {
        await app.Business("amend-clash-other").RegisterAsync("Ýyldyz Gala");
        var gone = app.Business("amend-clash-gone");
        var dissolved = (await gone.RegisterAsync("Gone Gala")).RegistrationNumber;
        (await gone.PostAsync($"/api/companies/{dissolved}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var owner = app.Business("amend-clash-owner");
        var number = (await owner.RegisterAsync("Clashing Gala")).RegistrationNumber;

        var problem = await (await owner.AmendAsync(number, new { legalName = "yyldyz  GALA" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-name");

        problem.Errors.Should().ContainKey("legalName");
        (await owner.CompanyAsync(number)).LegalName.Should().Be("Clashing Gala");
        (await app.AmendedEventsAsync(number)).Should().BeEmpty();
        (await (await owner.AmendAsync(number, new { legalName = "Gone Gala" })).ReadAsync<CompanyBody>()).LegalName.Should().Be("Gone Gala");
        // Its own name in another casing is no clash.
        (await (await owner.AmendAsync(number, new { legalName = "GONE gala" })).ReadAsync<CompanyBody>()).LegalName.Should().Be("GONE gala");
    }

    [Fact]
    public async Task Two_companies_renamed_to_one_name_at_once_one_wins_the_other_gets_409_duplicate_name()
    {
        var owner = app.Business("amend-clash-race");
        var numbers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add((await owner.RegisterAsync($"Clash Racer {i}")).RegistrationNumber);
        }

        var responses = await Task.WhenAll(numbers.Select(n => app.Business("amend-clash-race").AmendAsync(n, new { legalName = "Clash Racer Winner" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-name");
        }
        (await app.ScalarAsync("SELECT count(*) FROM companies WHERE legal_name = 'Clash Racer Winner'")).Should().Be(1);
    }

    [Fact]
    public async Task Another_business_gets_the_404_GET_gives_a_regulator_403_and_no_token_401()
    {
        var number = (await app.Business("amend-auth-owner").RegisterAsync("Guarded Company")).RegistrationNumber;
        var body = new { legalName = "Taken Over" };

        var stranger = await app.Business("amend-auth-stranger").AmendAsync(number, body);
        var strangerGet = await app.Business("amend-auth-stranger").GetAsync($"/api/companies/{number}");
        (await stranger.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found")).Detail
            .Should().Be((await strangerGet.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found")).Detail);
        await (await app.Business("amend-auth-stranger").AmendAsync("RC-2020-999999-Z", body)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.Regulator().AmendAsync(number, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient().AmendAsync(number, body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Regulator().CompanyAsync(number)).LegalName.Should().Be("Guarded Company");
    }

    [Fact]
    public async Task Only_an_active_company_can_be_amended_else_409_invalid_state()
    {
        var owner = app.Business("amend-state-owner");
        var number = (await owner.RegisterAsync("Suspended Amender")).RegistrationNumber;
        (await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Audit" })).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await owner.AmendAsync(number, new { legalName = "While Suspended" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await owner.PostAsync($"/api/companies/{number}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await owner.AmendAsync(number, new { legalName = "While Dissolved" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        (await owner.CompanyAsync(number)).LegalName.Should().Be("Suspended Amender");
        (await app.AmendedEventsAsync(number)).Should().BeEmpty();
    }

    [Fact]
    public async Task Each_amendment_writes_one_history_entry_with_who_and_what_changed()
    {
        var owner = app.Business("amend-history-owner");
        var number = (await owner.RegisterAsync("History Before")).RegistrationNumber;

        await (await owner.AmendAsync(number, new
        {
            legalName = "History After",
            activityCodes = new[] { "47.11", "47.24" },
            address = new { line1 = "Magtymguly av. 12", city = "Ashgabat", region = "Ahal", postalCode = "744000", country = "TM" },
        })).ReadAsync<CompanyBody>();

        var history = await app.Regulator().HistoryAsync(number);
        history.Select(h => (h.Action, h.Actor)).Should().Equal(("Registered", "amend-history-owner"), ("Amended", "amend-history-owner"));
        var changes = history[1].Changes;
        // The address was sent as it already was: not a change.
        changes.EnumerateObject().Select(p => p.Name).Should().Equal("legalName", "activityCodes");
        changes.GetProperty("legalName").Deserialize<FromTo<string>>(Bodies.Lenient).Should().Be(new FromTo<string>("History Before", "History After"));
        var codes = changes.GetProperty("activityCodes").Deserialize<FromTo<List<string>>>(Bodies.Lenient)!;
        (codes.From, codes.To).Should().BeEquivalentTo((new[] { "47.11" }, new[] { "47.11", "47.24" }));
    }

    [Fact]
    public async Task The_amendment_is_published_through_the_outbox_with_the_new_details_and_the_new_version()
    {
        var owner = app.Business("amend-event-owner");
        var number = (await owner.RegisterAsync("Event Before")).RegistrationNumber;

        await (await owner.AmendAsync(number, new { legalName = "Event After", activityCodes = new[] { "86.21" } })).ReadAsync<CompanyBody>();

        var evt = (await app.AmendedEventsAsync(number)).Single();
        evt.Should().BeEquivalentTo(new
        {
            RegistrationNumber = number,
            LegalName = "Event After",
            ActivityCodes = new[] { "86.21" },
            ChangedFields = new[] { "legalName", "activityCodes" },
            ContactEmail = (string?)null,
            PreferredLanguage = "en",
            AmendedBy = "amend-event-owner",
            Version = 2L,
        }, o => o.WithStrictOrdering());
        evt.AmendedAt.Should().Be(evt.OccurredAt);
        (await app.VersionAsync(number)).Should().Be(2);
        (await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'company-amended' AND ordering_key = $1 AND event_type = $2",
            number, "g2b.registry.company-amended.v1")).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_amendments_of_different_fields_all_apply_none_lost_each_with_its_own_version()
    {
        var owner = app.Business("amend-race-owner");
        var number = (await owner.RegisterAsync("Racing Amender")).RegistrationNumber;
        object[] bodies =
        [
            new { legalName = "Racing Amender Renamed" },
            new { address = new { line1 = "Race street 1", city = "Dashoguz", country = "TM" } },
            new { activityCodes = new[] { "49.32" } },
            new { contactEmail = "race@amender.tm" },
            new { preferredLanguage = "ru" },
        ];

        var responses = await Task.WhenAll(bodies.Select(b => app.Business("amend-race-owner").AmendAsync(number, b)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var company = await owner.CompanyAsync(number);
        (company.LegalName, company.Address.City, company.ActivityCodes.Single()).Should().Be(("Racing Amender Renamed", "Dashoguz", "49.32"));
        var events = await app.AmendedEventsAsync(number);
        var last = events.MaxBy(e => e.Version)!;
        (last.LegalName, last.ContactEmail, last.PreferredLanguage).Should().Be(("Racing Amender Renamed", "race@amender.tm", "ru"));
        // Each applied on the state the one before committed: one version each, one field each.
        events.Select(e => e.Version).Should().BeEquivalentTo(new long[] { 2, 3, 4, 5, 6 });
        events.SelectMany(e => e.ChangedFields).Should().BeEquivalentTo("legalName", "address", "activityCodes", "contactEmail", "preferredLanguage");
        (await app.VersionAsync(number)).Should().Be(6);
        (await app.Regulator().HistoryAsync(number)).Count(h => h.Action == "Amended").Should().Be(5);
    }

    [Fact]
    public async Task The_answer_carries_the_licences_as_GET_does()
    {
        var owner = app.Business("amend-licence-owner");
        var number = (await owner.RegisterAsync("Licensed Amender")).RegistrationNumber;
        (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(number, "LIC-AMEND-1", "retail")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var amended = await (await owner.AmendAsync(number, new { legalName = "Licensed Amender Two" })).ReadAsync<CompanyBody>();

        amended.Licences.Select(l => (l.LicenceNumber, l.Status)).Should().Equal(("LIC-AMEND-1", "Active"));
    }

    private sealed record FromTo<T>(T From, T To);
}

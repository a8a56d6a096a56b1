using System.Text.Json;

namespace CompanyRegistry.Tests;

public sealed class ReadAndStatusTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task Owner_and_regulator_read_a_company_another_business_gets_404()
    {
        var company = await app.Business("reader-owner").RegisterAsync("Readable Company");
        var number = company.RegistrationNumber;

        (await app.Business("reader-owner").CompanyAsync(number)).Should().BeEquivalentTo(company, Bodies.AsStored);
        (await app.Regulator().GetAsync($"/api/companies/{number.ToLowerInvariant()}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await app.Business("someone-else").GetAsync($"/api/companies/{number}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.CreateClient().GetAsync($"/api/companies/{number}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_or_mistyped_registration_numbers_are_404()
    {
        var number = (await app.Business("typo-owner").RegisterAsync("Typo Company")).RegistrationNumber;
        var wrongCheck = number[..^1] + (number[^1] == 'A' ? 'B' : 'A');

        await (await app.Regulator().GetAsync($"/api/companies/{wrongCheck}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await app.Regulator().GetAsync("/api/companies/RC-1999-000001-A")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await app.Regulator().GetAsync("/api/companies/nonsense")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Suspend_then_reinstate_publishes_versioned_status_events()
    {
        var number = (await app.Business("status-owner-1").RegisterAsync("Status Company One")).RegistrationNumber;
        var regulator = app.Regulator();

        var suspended = await regulator.PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Unpaid fines" });
        (await suspended.ReadAsync<CompanyBody>()).Status.Should().Be("Suspended");
        var reinstated = await regulator.PostAsJsonAsync($"/api/companies/{number}/reinstate", new { reason = "Fines paid" });
        (await reinstated.ReadAsync<CompanyBody>()).Status.Should().Be("Active");

        var events = (await app.OutboxAsync("company-status-changed"))
            .Where(p => p.Str("registrationNumber") == number).ToList();
        events.Select(e => (e.Str("previousStatus"), e.Str("status"), e.Str("reason"), e.GetProperty("version").GetInt64()))
            .Should().Equal(("Active", "Suspended", "Unpaid fines", 2L), ("Suspended", "Active", "Fines paid", 3L));
    }

    [Fact]
    public async Task Transitions_that_do_not_apply_are_409_invalid_state()
    {
        var owner = app.Business("status-owner-2");
        var number = (await owner.RegisterAsync("Status Company Two")).RegistrationNumber;
        var regulator = app.Regulator();

        await (await regulator.PostAsJsonAsync($"/api/companies/{number}/reinstate", new { reason = "Not suspended" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await regulator.PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Audit" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await regulator.PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Again" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await owner.PostAsync($"/api/companies/{number}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/companies/{number}/dissolve", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await (await regulator.PostAsJsonAsync($"/api/companies/{number}/reinstate", new { reason = "Too late" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
    }

    [Fact]
    public async Task Suspension_needs_a_regulator_and_a_reason()
    {
        var owner = app.Business("status-owner-3");
        var number = (await owner.RegisterAsync("Status Company Three")).RegistrationNumber;

        (await owner.PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Self" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await (await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "  " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors.Should().ContainKey("reason");
        await (await app.Regulator().PostAsJsonAsync($"/api/companies/{CompanyRegistry.Api.Domain.RegistrationNumber.Format(2020, 999999)}/suspend", new { reason = "Ghost" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Only_the_owner_may_dissolve_another_business_gets_404_a_regulator_403()
    {
        var number = (await app.Business("status-owner-4").RegisterAsync("Status Company Four")).RegistrationNumber;

        await (await app.Business("intruder").PostAsync($"/api/companies/{number}/dissolve", null))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.Regulator().PostAsync($"/api/companies/{number}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var dissolved = await app.Business("status-owner-4").PostAsJsonAsync($"/api/companies/{number}/dissolve", new { reason = "Retiring" });
        (await dissolved.ReadAsync<CompanyBody>()).Status.Should().Be("Dissolved");
    }

    [Fact]
    public async Task Concurrent_suspensions_apply_once()
    {
        var number = (await app.Business("status-owner-5").RegisterAsync("Status Company Five")).RegistrationNumber;

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            app.Regulator().PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = $"Race {i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(4);
        (await app.OutboxAsync("company-status-changed")).Count(e => e.Str("registrationNumber") == number).Should().Be(1);
    }

    [Fact]
    public async Task History_lists_every_change_oldest_first_with_actor_and_what_changed()
    {
        var owner = app.Business("history-owner");
        var number = (await owner.RegisterAsync("History Company")).RegistrationNumber;
        await app.ClientFor("inspector-7", "regulator").PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "Inspection" });
        await app.ClientFor("inspector-7", "regulator").PostAsJsonAsync($"/api/companies/{number}/reinstate", new { reason = "Cleared" });
        await owner.PostAsync($"/api/companies/{number}/dissolve", null);

        var history = await app.Regulator().HistoryAsync(number);

        history.Select(h => (h.Action, h.Actor, h.Reason)).Should().Equal(
            ("Registered", "history-owner", null), ("Suspended", "inspector-7", "Inspection"), ("Reinstated", "inspector-7", "Cleared"),
            ("Dissolved", "history-owner", null));
        history[0].Changes.Str("legalName").Should().Be("History Company");
        history[1].Changes.GetProperty("status").Deserialize<FromTo>(Bodies.Lenient).Should().Be(new FromTo("Active", "Suspended"));
        history.Select(h => h.At).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task History_is_for_regulators_and_known_companies()
    {
        var owner = app.Business("history-owner-2");
        var number = (await owner.RegisterAsync("History Company Two")).RegistrationNumber;

        (await owner.GetAsync($"/api/companies/{number}/history")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await app.Regulator().GetAsync($"/api/companies/{CompanyRegistry.Api.Domain.RegistrationNumber.Format(2020, 999998)}/history")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    private sealed record FromTo(string From, string To);
}

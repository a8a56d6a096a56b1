using System.Net;
using System.Net.Http.Json;
using CompanyRegistry.Tests.Support;

namespace CompanyRegistry.Tests;

/// <summary>Each test uses names with a word of its own, so tests sharing the database do not see each other's rows.</summary>
public sealed class SearchTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    private async Task<CompanyPageBody> SearchAsync(string query) =>
        await (await app.Regulator().GetAsync($"/api/companies?{query}")).ReadAsync<CompanyPageBody>();

    private static List<string> Names(CompanyPageBody page) => [.. page.Items.Select(i => i.LegalName)];

    [Fact]
    public async Task Fuzzy_query_finds_names_despite_typos_and_partial_words_best_match_first()
    {
        var owner = app.Business("search-owner-1");
        await owner.RegisterAsync("Ashgabat Trade");
        await owner.RegisterAsync("Ashgabat Trade Partners Zulpy");
        await owner.RegisterAsync("Mary Cotton Zulpy");

        var page = await SearchAsync("q=ashgabt%20trad");

        var names = Names(page);
        names.Should().Contain(["Ashgabat Trade", "Ashgabat Trade Partners Zulpy"]);
        names.Should().NotContain("Mary Cotton Zulpy");
        names[0].Should().Be("Ashgabat Trade");
    }

    [Fact]
    public async Task Query_matches_registration_number_and_tax_id_exactly()
    {
        var owner = app.Business("search-owner-2");
        var company = await owner.RegisterAsync("Exact Match Qorvex");
        await owner.RegisterAsync("Other Qorvex");

        Names(await SearchAsync($"q={company.RegistrationNumber.ToLowerInvariant()}")).Should().Equal("Exact Match Qorvex");
        Names(await SearchAsync($"q={company.TaxId}")).Should().Equal("Exact Match Qorvex");
    }

    [Fact]
    public async Task Filters_by_status_activity_code_and_licence_type()
    {
        var owner = app.Business("search-owner-3");
        var pharmacy = await owner.RegisterAsync("Derman Plixo Pharmacy", activityCodes: ["47.73"]);
        var taxi = await owner.RegisterAsync("Plixo Taxi", activityCodes: ["49.32"]);
        await owner.RegisterAsync("Plixo Bakery", activityCodes: ["10.71", "47.24"]);
        await app.Regulator().PostAsJsonAsync($"/api/companies/{taxi.RegistrationNumber}/suspend", new { reason = "Checks" });
        (await app.CreateClient().DeliverAsync("licence-issued", LicenceEvents.Issued(pharmacy.RegistrationNumber, "LIC-PLIXO-1", "pharmacy")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        Names(await SearchAsync("q=plixo&activityCode=47.73")).Should().Equal("Derman Plixo Pharmacy");
        Names(await SearchAsync("q=plixo&status=Suspended")).Should().Equal("Plixo Taxi");
        Names(await SearchAsync("q=plixo&licenceType=pharmacy")).Should().Equal("Derman Plixo Pharmacy");
        Names(await SearchAsync("activityCode=49.32&status=suspended")).Should().Contain("Plixo Taxi");
    }

    [Fact]
    public async Task Ranked_paging_visits_every_match_once_even_while_rows_are_inserted()
    {
        var owner = app.Business("search-owner-4");
        for (var i = 0; i < 7; i++)
        {
            await owner.RegisterAsync($"Vendra Group {i}");
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync($"q=vendra&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(Names(page));
            cursor = page.NextCursor;
            if (pages++ == 0)
            {
                // Inserted after the first page: the walk must neither repeat nor lose the original rows.
                await owner.RegisterAsync("Vendra Group Late");
            }
        }
        while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems();
        seen.Should().Contain(Enumerable.Range(0, 7).Select(i => $"Vendra Group {i}"));
    }

    [Fact]
    public async Task Unranked_paging_follows_registration_order_to_the_end()
    {
        var owner = app.Business("search-owner-5");
        var codes = new[] { "93.13" };
        for (var i = 0; i < 5; i++)
        {
            await owner.RegisterAsync($"Fitness Hall Number {i}", activityCodes: codes);
        }

        var first = await SearchAsync("activityCode=93.13&limit=2");
        var second = await SearchAsync($"activityCode=93.13&limit=2&cursor={first.NextCursor}");
        var third = await SearchAsync($"activityCode=93.13&limit=2&cursor={second.NextCursor}");

        Names(first).Concat(Names(second)).Concat(Names(third)).Should().Equal(Enumerable.Range(0, 5).Select(i => $"Fitness Hall Number {i}"));
        third.NextCursor.Should().BeNull();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=Closed", "status")]
    [InlineData("status=Active%2CSuspended", "status")]
    [InlineData("status=Suspended%2C%20Dissolved", "status")]
    [InlineData("activityCode=4711", "activityCode")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_search_parameters_are_400_with_the_field_named(string query, string field)
    {
        var problem = await (await app.Regulator().GetAsync($"/api/companies?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors.Should().ContainKey(field);
    }

    [Fact]
    public async Task A_cursor_from_an_unranked_listing_does_not_continue_a_ranked_search()
    {
        var owner = app.Business("search-owner-6");
        await owner.RegisterAsync("Cursor Mix One", activityCodes: ["74.30"]);
        await owner.RegisterAsync("Cursor Mix Two", activityCodes: ["74.30"]);
        var cursor = (await SearchAsync("activityCode=74.30&limit=1")).NextCursor;

        await (await app.Regulator().GetAsync($"/api/companies?q=cursor&cursor={cursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Search_is_for_regulators_only()
    {
        (await app.Business("search-owner-7").GetAsync("/api/companies?q=x")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/companies?q=x")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

namespace CompanyRegistry.Tests;

/// <summary>Each test uses names with a word of its own, so tests sharing the database do not see each other's rows.</summary>
public sealed class SearchTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task Fuzzy_query_finds_names_despite_typos_and_partial_words_best_match_first()
    {
        var owner = app.Business("search-owner-1");
        await owner.RegisterAllAsync("Ashgabat Trade", "Ashgabat Trade Partners Zulpy", "Mary Cotton Zulpy");

        var page = await app.SearchAsync("q=ashgabt%20trad");

        var names = page.Names();
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

        (await app.SearchAsync($"q={company.RegistrationNumber.ToLowerInvariant()}")).Names().Should().Equal("Exact Match Qorvex");
        (await app.SearchAsync($"q={company.TaxId}")).Names().Should().Equal("Exact Match Qorvex");
    }

    [Fact]
    public async Task Filters_by_status_activity_code_and_licence_type()
    {
        var owner = app.Business("search-owner-3");
        var pharmacy = await owner.RegisterAsync("Derman Plixo Pharmacy", activityCodes: ["47.73"]);
        var taxi = await owner.RegisterAsync("Plixo Taxi", activityCodes: ["49.32"]);
        await owner.RegisterAsync("Plixo Bakery", activityCodes: ["10.71", "47.24"]);
        await app.Regulator().PostAsJsonAsync($"/api/companies/{taxi.RegistrationNumber}/suspend", new { reason = "Checks" });
        (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(pharmacy.RegistrationNumber, "LIC-PLIXO-1", "pharmacy")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.SearchAsync("q=plixo&activityCode=47.73")).Names().Should().Equal("Derman Plixo Pharmacy");
        (await app.SearchAsync("q=plixo&status=Suspended")).Names().Should().Equal("Plixo Taxi");
        (await app.SearchAsync("q=plixo&licenceType=pharmacy")).Names().Should().Equal("Derman Plixo Pharmacy");
        (await app.SearchAsync("activityCode=49.32&status=suspended")).Names().Should().Contain("Plixo Taxi");
    }

    [Fact]
    public async Task One_word_with_a_licence_type_pages_the_holders_in_rank_order_and_follows_licences_and_renames()
    {
        var owner = app.Business("search-owner-licence-words");
        var holders = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var company = await owner.RegisterAsync($"Trovik Store {new string('q', i + 1)}", activityCodes: ["47.73"]);
            (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(company.RegistrationNumber, $"LIC-TROVIK-{i}", i % 2 == 0 ? "pharmacy" : "taxi")))
                .StatusCode.Should().Be(HttpStatusCode.OK);
            holders.Add(company.LegalName);
        }
        var unlicensed = await owner.RegisterAsync("Trovik", activityCodes: ["47.73"]);
        var renamed = await owner.RegisterAsync("Pelgra Shop", activityCodes: ["47.73"]);
        (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(renamed.RegistrationNumber, "LIC-TROVIK-R", "pharmacy")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // The pharmacies among the "trovik" names, in the order of the unfiltered search, walked two at a time.
        var all = await app.WalkAsync("q=trovik", limit: 50);
        var pharmacies = await app.WalkAsync("q=trovik&licenceType=pharmacy", limit: 2);
        pharmacies.Should().Equal(all.Where(n => holders.IndexOf(n) is var i && i >= 0 && i % 2 == 0));
        all.Should().Contain(unlicensed.LegalName);

        // A renamed holder is found under its new words, under its licence type, and no longer under the old ones.
        (await owner.AmendAsync(renamed.RegistrationNumber, new { legalName = "Trovik Pelgra" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.SearchAsync("q=trovik&licenceType=pharmacy&limit=50")).Names().Should().Contain("Trovik Pelgra");
        (await app.SearchAsync("q=pelgra&licenceType=pharmacy")).Names().Should().Equal("Trovik Pelgra");
        (await app.SearchAsync("q=shop&licenceType=pharmacy&limit=100")).Names().Should().NotContain("Trovik Pelgra");
        (await app.SearchAsync("q=trovik&licenceType=taxi&limit=50")).Names().Should().Equal(holders.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public async Task Ranked_paging_visits_every_match_once_even_while_rows_are_inserted()
    {
        var owner = app.Business("search-owner-4");
        for (var i = 0; i < 7; i++)
        {
            await owner.RegisterAsync($"Vendra Group {i}");
        }

        // Inserted after the first page: the walk must neither repeat nor lose the original rows.
        var seen = await app.WalkAsync("q=vendra", limit: 3, async page =>
        {
            if (page == 0)
            {
                await owner.RegisterAsync("Vendra Group Late");
            }
        });

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

        var first = await app.SearchAsync("activityCode=93.13&limit=2");
        var second = await app.SearchAsync($"activityCode=93.13&limit=2&cursor={first.NextCursor}");
        var third = await app.SearchAsync($"activityCode=93.13&limit=2&cursor={second.NextCursor}");

        first.Names().Concat(second.Names()).Concat(third.Names()).Should().Equal(Enumerable.Range(0, 5).Select(i => $"Fitness Hall Number {i}"));
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
        var cursor = (await app.SearchAsync("activityCode=74.30&limit=1")).NextCursor;

        await (await app.Regulator().GetAsync($"/api/companies?q=cursor&cursor={cursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Search_is_for_regulators_only()
    {
        (await app.Business("search-owner-7").GetAsync("/api/companies?q=x")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/companies?q=x")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

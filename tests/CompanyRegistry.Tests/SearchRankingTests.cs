namespace CompanyRegistry.Tests;

/// <summary>
/// Ranking and paging of the word-based fuzzy search (one-word and several-word statements). Each
/// test uses an invented word of its own so tests sharing the database do not see each other's rows.
/// </summary>
public sealed class SearchRankingTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task One_word_query_ranks_exact_word_first_then_shorter_names_then_typos()
    {
        var owner = app.Business("ranking-owner-1");
        await owner.RegisterAllAsync("Zorvanna Trade", "Zorvan Cotton Partners", "Zorvan", "Zorvan Tea");

        (await app.SearchAsync("q=zorvan")).Names().Should().Equal("Zorvan", "Zorvan Tea", "Zorvan Cotton Partners", "Zorvanna Trade");
    }

    [Fact]
    public async Task One_word_query_with_an_activity_code_ranks_and_pages_the_same_way()
    {
        // This combination is served by the statement that ranks every candidate, not by the word lists.
        var owner = app.Business("ranking-owner-7");
        string[] codes = ["90.04"];
        await owner.RegisterAsync("Yarrowen Trade", activityCodes: codes);
        await owner.RegisterAsync("Yarrowen Cotton Partners", activityCodes: codes);
        await owner.RegisterAsync("Yarrowen", activityCodes: codes);
        await owner.RegisterAsync("Yarrowen Tea", activityCodes: ["10.71"]);

        (await app.WalkAsync("q=yarrowen&activityCode=90.04", limit: 1)).Should().Equal("Yarrowen", "Yarrowen Trade", "Yarrowen Cotton Partners");
        (await app.WalkAsync("q=yarrowen", limit: 2)).Should().Equal("Yarrowen", "Yarrowen Tea", "Yarrowen Trade", "Yarrowen Cotton Partners");
    }

    [Fact]
    public async Task A_name_holding_two_matching_words_is_listed_once()
    {
        var owner = app.Business("ranking-owner-2");
        await owner.RegisterAllAsync("Kelbar Kelbara Group", "Kelbara Services");

        var names = await app.WalkAsync("q=kelbar", limit: 1);

        names.Should().Equal("Kelbar Kelbara Group", "Kelbara Services");
    }

    [Fact]
    public async Task Several_words_must_each_match_a_word_of_the_name_typos_allowed()
    {
        var owner = app.Business("ranking-owner-3");
        await owner.RegisterAllAsync("Trovikan Cotton Partners", "Trovikan Cotton", "Trovikan Bakery Partners");

        (await app.SearchAsync("q=trovkan%20cotto")).Names().Should().Equal("Trovikan Cotton", "Trovikan Cotton Partners");
    }

    [Fact]
    public async Task Exact_registration_number_comes_before_names_that_look_like_it()
    {
        var owner = app.Business("ranking-owner-4");
        var company = await owner.RegisterAsync("Mervex Holding");
        var number = company.RegistrationNumber;
        await owner.RegisterAsync($"Mervex {number}");

        var names = (await app.SearchAsync($"q={number}")).Names();

        names[0].Should().Be("Mervex Holding");
        names.Should().Contain($"Mervex {number}").And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("q=quillon", "Quillon")]
    [InlineData("q=quillon%20group", "Quillon Group")]
    public async Task Ranked_paging_is_stable_while_better_and_worse_rows_are_inserted(string query, string stem)
    {
        var owner = app.Business($"ranking-owner-5-{stem.Length}");
        var original = Enumerable.Range(10, 8).Select(i => $"{stem} Group {i}").ToList();
        foreach (var name in original)
        {
            await owner.RegisterAsync(name);
        }

        var inserted = 0;
        var seen = await app.WalkAsync(query, limit: 3, async page =>
        {
            if (page < 2)
            {
                // One that sorts before the position reached (shorter name) and one after it (longer).
                await owner.RegisterAsync($"{stem} Group {page}");
                await owner.RegisterAsync($"{stem} Group Late Extra Long Name {page}");
                inserted += 2;
            }
        });

        inserted.Should().Be(4);
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().Contain(original);
    }

    [Fact]
    public async Task One_word_query_with_a_status_filter_pages_through_matches_of_that_status_only()
    {
        var owner = app.Business("ranking-owner-6");
        for (var i = 0; i < 5; i++)
        {
            await owner.RegisterAsync($"Brindle Works {i}");
        }
        var suspended = await owner.RegisterAsync("Brindle Works Suspended");
        (await app.Regulator().PostAsJsonAsync($"/api/companies/{suspended.RegistrationNumber}/suspend", new { reason = "Checks" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.WalkAsync("q=brindle&status=Suspended", limit: 1)).Should().Equal("Brindle Works Suspended");
        (await app.WalkAsync("q=brindle&status=Active", limit: 2)).Should().HaveCount(5).And.NotContain("Brindle Works Suspended");
    }
    // The status in company_name_words is written by the registration and by a rename, and moved by a suspension, a
    // reinstatement or a dissolution, in the writing transaction: the regulator's next search sees each change.
    [Fact]
    public async Task One_word_with_a_status_follows_rename_suspension_reinstatement_and_dissolution()
    {
        var owner = app.Business("ranking-owner-status-words");
        for (var i = 0; i < 3; i++)
        {
            await owner.RegisterAsync($"Vashtellom Works {i}");
        }
        var mill = await owner.RegisterAsync("Vashtellom Mill");
        var number = mill.RegistrationNumber;
        async Task<HttpStatusCode> Change(string action) =>
            (await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/{action}", new { reason = "Checks" })).StatusCode;

        (await owner.AmendAsync(number, new { legalName = "Vashtellom Kervonet Mill" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.WalkAsync("q=kervonet&status=Active", limit: 1)).Should().Equal("Vashtellom Kervonet Mill");
        (await app.WalkAsync("q=vashtellom&status=Suspended", limit: 1)).Should().BeEmpty();

        (await Change("suspend")).Should().Be(HttpStatusCode.OK);
        (await app.WalkAsync("q=kervonet&status=Suspended", limit: 1)).Should().Equal("Vashtellom Kervonet Mill");
        (await app.WalkAsync("q=vashtellom&status=Suspended", limit: 1)).Should().Equal("Vashtellom Kervonet Mill");
        (await app.WalkAsync("q=vashtellom&status=Active", limit: 1)).Should().HaveCount(3).And.NotContain("Vashtellom Kervonet Mill");

        (await Change("reinstate")).Should().Be(HttpStatusCode.OK);
        (await app.WalkAsync("q=kervonet&status=Suspended", limit: 1)).Should().BeEmpty();
        (await app.WalkAsync("q=kervonet&status=Active", limit: 1)).Should().Equal("Vashtellom Kervonet Mill");

        (await owner.PostAsync($"/api/companies/{number}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.WalkAsync("q=kervonet&status=Active", limit: 1)).Should().BeEmpty();
        (await app.WalkAsync("q=kervonet&status=Dissolved", limit: 1)).Should().Equal("Vashtellom Kervonet Mill");
    }

    // A cursor page of one word reads each similar word's next entries from its key and proves the page; when an entry
    // of a window belongs to a company shown before the cursor under a better word ("Pelmora Pelmoras n" under
    // "pelmora"), the list further down ("Pelmoras Trading House") may hold rows of the page, and it walks instead.
    // Every page size must give exactly the unpaged ranking: a page that skips or repeats a row fails.
    [Theory]
    [InlineData(1, "Pelmora")]
    [InlineData(2, "Quastor")]
    [InlineData(3, "Bryndel")]
    [InlineData(4, "Talvune")]
    [InlineData(7, "Gorrimax")]
    [InlineData(2, "Welvanor", "&status=Active")]
    [InlineData(3, "Drosskel", "&licenceType=TAXI")]
    public async Task Cursor_pages_of_one_word_give_the_unpaged_ranking_without_gaps_or_repeats(int limit, string stem, string filter = "")
    {
        var owner = app.Business($"ranking-owner-8-{limit}");
        var plural = stem + "s";
        var typo = stem[..^1] + "in";
        var names = new List<string> { $"{stem} 7", $"{stem} 8", $"{plural} Trading House 10", $"{plural} Trading House 11", $"{typo} 12", $"{typo} {plural} 13", plural };
        names.AddRange(Enumerable.Range(1, 6).Select(i => $"{stem} {plural} {i}"));
        foreach (var name in names)
        {
            var company = await owner.RegisterAsync(name);
            if (filter.Contains("TAXI", StringComparison.Ordinal))
            {
                (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(company.RegistrationNumber, $"LIC-{company.RegistrationNumber}", "TAXI")))
                    .StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        var unpaged = (await app.SearchAsync($"q={stem}{filter}&limit=100")).Names();
        var paged = await app.WalkAsync($"q={stem}{filter}", limit);

        unpaged.Should().BeEquivalentTo(names, "every name holds a word similar to {0}", stem);
        paged.Should().Equal(unpaged);
    }
}

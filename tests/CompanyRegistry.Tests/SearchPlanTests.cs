using System.Net;
using System.Text.Json;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;


namespace CompanyRegistry.Tests;

/// <summary>How PostgreSQL runs the search statement, read from its plan (no timings).</summary>
public sealed class SearchPlanTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    // On a national register the planner costs the ranked statement above jit_optimize_above_cost, and
    // compiling it took 1.7 s for 0.4 ms of work; here the server is told to compile every statement.
    [Theory]
    [InlineData("word")]
    [InlineData("words")]
    [InlineData("number")]
    [InlineData("tax id")]
    [InlineData("listing")]
    public async Task The_search_statement_is_never_compiled_by_the_servers_jit(string kind)
    {
        var company = await app.Business("plan-owner-1").RegisterAsync($"Jitvora Holding {kind}");
        var query = kind switch
        {
            "word" => "jitvora",
            "words" => "jitvora holding",
            "number" => company.RegistrationNumber,
            "tax id" => company.TaxId,
            _ => null,
        };
        await using (var probe = await DbProbe.OpenAsync(app.Services))
        await using (var setup = new NpgsqlCommand("SELECT pg_jit_available()", probe.Connection))
        {
            ((bool)(await setup.ExecuteScalarAsync())!).Should().BeTrue("the test server must be able to JIT, or the test proves nothing");
        }

        using var plan = await PlanAsync(new CompanySearchCriteria(query, null, null, null, 20, null),
            "SET jit = on; SET jit_above_cost = 0; SET jit_optimize_above_cost = 0");

        var root = plan.RootElement[0];
        root.GetProperty("Plan").GetProperty("Actual Rows").GetDouble().Should().BeGreaterThan(0, "the statement found {0}", company.LegalName);
        root.TryGetProperty("JIT", out _).Should().BeFalse(root.ToString());
    }

    // A typo's cut word ("tra") has thousands of similar dictionary words on a national register: intersecting
    // every query word's similar words in the GIN index read all their posting lists. The index is asked for
    // the query word held by the fewest companies, and for another only while its lookups cost less than the
    // candidates they would remove; the other words are checked on the candidates.
    [Fact]
    public async Task Several_words_skip_the_index_for_a_word_whose_similar_words_outnumber_the_candidates()
    {
        var owner = app.Business("plan-owner-2");
        await owner.RegisterAllAsync("Qelvaris Tarnmoor", "Qelvaris Zintoff", "Tarnmoors Balo", "Tarnmoorin Kelp", "Tarnmoora Fen", "Tarnmoore Dusk");

        // "qelvaris": 1 similar word, 2 companies; "tarnmoor": 5 similar words, 5 companies.
        using var plan = await PlanAsync(new CompanySearchCriteria("qelvaris tarnmoor", null, null, null, 20, null));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(1, root.ToString());
        IndexCandidates(root).Should().Be(2, "the two companies holding \"qelvaris\" are the candidates: {0}", root);
    }

    [Fact]
    public async Task Several_words_are_intersected_in_the_index_while_the_candidates_outnumber_the_next_words_lookups()
    {
        var owner = app.Business("plan-owner-4");
        for (var i = 1; i <= 40; i++)
        {
            await owner.RegisterAsync(i <= 10 ? $"Brenvolt Harbix {i}" : $"Brenvolt {i}");
        }
        for (var i = 41; i <= 50; i++)
        {
            await owner.RegisterAsync($"Harbix {i}");
        }

        // "harbix": 20 companies; "brenvolt": 40, but one similar word: worth intersecting.
        using var plan = await PlanAsync(new CompanySearchCriteria("brenvolt harbix", null, null, null, 50, null));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(10, root.ToString());
        IndexCandidates(root).Should().Be(10, "both words are looked up in the index: {0}", root);
    }

    // "tra" (a typo's cut word) is similar to 2,503 dictionary words on 5,000,000 names; finding them cost 20-40 ms.
    [Fact]
    public async Task A_short_word_beside_longer_ones_is_only_checked_on_the_candidates_never_looked_up()
    {
        var owner = app.Business("plan-owner-5");
        await owner.RegisterAllAsync("Quorvex Tarbel", "Quorvex Zandor", "Tarbel Tarsk Tarwin");

        using var plan = await PlanAsync(new CompanySearchCriteria("quorvex tar", null, null, null, 20, null));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(1, "\"Quorvex Tarbel\" is the one match: {0}", root);
        var dictionary = Nodes(root).Single(n => n.TryGetProperty("Subplan Name", out var name) && name.GetString() == "CTE m");
        dictionary.GetProperty("Actual Rows").GetDouble().Should().Be(1, "only \"quorvex\" is looked up in the dictionary: {0}", root);
    }

    // Companies the GIN index on company_search.words gave (the planner is told not to read the table instead).
    private static double IndexCandidates(JsonElement root)
    {
        var lookups = Nodes(root).Where(n => n.TryGetProperty("Index Name", out var name) && name.GetString() == "ix_company_search_words").ToList();
        lookups.Should().NotBeEmpty(root.ToString());
        return lookups.Sum(n => n.GetProperty("Actual Rows").GetDouble() * n.GetProperty("Actual Loops").GetDouble());
    }

    // "group" has 403 similar dictionary words among 1,000,000 realistic names; walking each one's list with its
    // company_search rows (for the better-word check) read 21 rows of each: 4,197 for a page of 20.
    [Theory]
    [InlineData(null)]
    [InlineData("taxi")]
    public async Task The_first_page_of_one_word_reads_company_search_only_for_the_rows_it_ranks(string? licenceType)
    {
        var owner = app.Business("plan-owner-3");
        string[] words = ["Vormelant", "Vormelanta", "Vormelants", "Vormelantin", "Vormelantor"];
        var companies = new List<CompanyBody>();
        foreach (var word in words)
        {
            foreach (var branch in new[] { "Trade", "Farm", "Mill", "Bakery" })
            {
                companies.Add(await owner.RegisterAsync($"{word} {branch} {licenceType}".Trim()));
            }
        }
        if (licenceType is not null)
        {
            foreach (var company in companies)
            {
                (await app.CreateClient().DeliverAsync(LicenceEvents.Issued(company.RegistrationNumber, $"LIC-{company.RegistrationNumber}", licenceType)))
                    .StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        using var plan = await PlanAsync(new CompanySearchCriteria("vormelant", null, null, licenceType, 2, null));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(3, "a page of 2 and one row to tell that more follow: {0}", root);
        var read = CompanySearchRowsRead(root);
        read.Should().Be(3, "five similar words hold 4 companies each; only the 3 ranked first are read: {0}", root);
    }

    // A cursor page of "trade" (held by 19% of 5,000,000 names, 826 similar words on 1,000,000) walked each similar
    // word's list from the cursor with its company_search rows: 21 per word a page, 15-27 s for pages 2..10.
    [Fact]
    public async Task A_cursor_page_of_one_word_reads_company_search_only_for_the_rows_it_ranks()
    {
        var owner = app.Business("plan-owner-6");
        foreach (var word in new[] { "Sarnevik", "Sarneviks", "Sarnevika", "Sarnevikin", "Sarnevikor" })
        {
            foreach (var branch in new[] { "Trade", "Farm", "Mill", "Bakery" })
            {
                await owner.RegisterAsync($"{word} {branch}");
            }
        }
        SearchCursor? cursor;
        await using (var probe = await DbProbe.OpenAsync(app.Services))
        {
            cursor = (await CompanySearch.RunAsync(probe.Connection, new CompanySearchCriteria("sarnevik", null, null, null, 2, null), 0.5f, default)).Next;
        }
        cursor.Should().NotBeNull();

        using var plan = await PlanAsync(new CompanySearchCriteria("sarnevik", null, null, null, 2, cursor));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(3, "a page of 2 and one row to tell that more follow: {0}", root);
        var read = CompanySearchRowsRead(root);
        read.Should().Be(3, "only the 3 rows ranked after the cursor are read, and the page needs no walk: {0}", root);
    }

    // With a status the lists were walked with each holder's company_search row, to learn its status: "berdy" +
    // Suspended on 1,000,000 names read 4,121 rows for a page of 20. The key's index now carries the status.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_word_with_a_status_reads_company_search_only_for_the_rows_it_ranks(bool cursorPage)
    {
        var owner = app.Business($"plan-owner-7-{cursorPage}");
        var stem = cursorPage ? "Pastervoq" : "Drummelan";
        foreach (var word in new[] { stem, stem + "a", stem + "s", stem + "in", stem + "or" })
        {
            // The Active companies come first in each word's list (shorter names), the Suspended ones after them.
            foreach (var branch in new[] { "Farm", "Mill", "Trade", "Bakery", "Workshop" })
            {
                var company = await owner.RegisterAsync($"{word} {branch}");
                if (branch is "Bakery" or "Workshop")
                {
                    (await app.Regulator().PostAsJsonAsync($"/api/companies/{company.RegistrationNumber}/suspend", new { reason = "Checks" }))
                        .StatusCode.Should().Be(HttpStatusCode.OK);
                }
            }
        }
        var query = stem.ToLowerInvariant();
        SearchCursor? cursor = null;
        if (cursorPage)
        {
            await using var probe = await DbProbe.OpenAsync(app.Services);
            cursor = (await CompanySearch.RunAsync(probe.Connection, new CompanySearchCriteria(query, CompanyStatus.Suspended, null, null, 2, null), 0.5f, default)).Next;
            cursor.Should().NotBeNull();
        }

        using var plan = await PlanAsync(new CompanySearchCriteria(query, CompanyStatus.Suspended, null, null, 2, cursor));

        var root = plan.RootElement[0].GetProperty("Plan");
        root.GetProperty("Actual Rows").GetDouble().Should().Be(3, "a page of 2 and one row to tell that more follow: {0}", root);
        CompanySearchRowsRead(root).Should().Be(3, "the Active holders are skipped in the key's index; only the 3 ranked rows are read: {0}", root);
    }

    private static double CompanySearchRowsRead(JsonElement root) =>
        Nodes(root).Where(n => n.TryGetProperty("Relation Name", out var table) && table.GetString() == "company_search")
            .Sum(n => n.GetProperty("Actual Rows").GetDouble() * n.GetProperty("Actual Loops").GetDouble());

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    // The plan of the search batch's statement as the endpoint would run it, after the session settings given
    // (by default: fresh statistics, which the search reads, and no sequential scans or merge and hash joins, which
    // tables this small invite: with ~80 companies in this class's database the planner read all of company_search in
    // key order for a merge join, where 1,000,000 names give the nested loop of the index lookups these tests count).
    private async Task<JsonDocument> PlanAsync(
        CompanySearchCriteria criteria, string settings = "ANALYZE company_search; SET enable_seqscan = off; SET enable_mergejoin = off; SET enable_hashjoin = off")
    {
        await using var probe = await DbProbe.OpenAsync(app.Services);
        await using (var setup = new NpgsqlCommand(settings, probe.Connection))
        {
            await setup.ExecuteNonQueryAsync();
        }
        await using var transaction = await probe.Connection.BeginTransactionAsync();
        await using var batch = CompanySearch.CreateBatch(probe.Connection, criteria, 0.5f);
        batch.Transaction = transaction;
        var statement = batch.BatchCommands[^1];
        statement.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + statement.CommandText;
        string plan;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            plan = reader.GetString(0);
        }
        await transaction.RollbackAsync();
        return JsonDocument.Parse(plan);
    }
}

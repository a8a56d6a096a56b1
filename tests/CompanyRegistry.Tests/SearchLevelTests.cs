using System.Text.Json;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;


namespace CompanyRegistry.Tests;

/// <summary>
/// Several misspelt words are ranked from the word lists by similarity levels (LevelSearchSql) when they are expected to
/// be held together by many companies; otherwise, or when a walked list is cut, by ranking every candidate (the statement
/// before it, kept as the fallback). Both must give the same companies in the same order on every page: here the level
/// path is forced (a few dozen names never reach the default thresholds) and compared, page by page through the cursor,
/// with the ranking path and with a brute-force ranking of every company.
/// </summary>
public sealed class SearchLevelTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    // Families of invented words sharing a stem, so a misspelt query word is similar to several of them at several levels.
    private static readonly string[][] Families =
    [
        ["Kelvar", "Kelvara", "Kelvaron", "Kelvarin", "Kelvask", "Kelmar"],
        ["Moston", "Mostona", "Mostonik", "Mostel", "Moskon"],
        ["Brunda", "Brundas", "Brundavik", "Brunod"],
        ["Tralvo", "Tralvos", "Tralvonia", "Travlo"],
    ];

    private static readonly string[] Queries =
    [
        "kelvr mostn", "kelva mosto brund", "kelvar mostonk", "mosto kelvarn brun", "brunda kelvar", "tralv kelva",
        "kelvarin mostel", "brundvik tralvos mosto", "kelvarn mostona", "trlvo brun",
    ];

    private static readonly LevelSearchSettings ForcedLevels = new(DenseMatches: -1, WalkWindow: 2000);
    private static readonly LevelSearchSettings CutLists = new(DenseMatches: -1, WalkWindow: 2);
    private static readonly LevelSearchSettings RankingOnly = new(DenseMatches: int.MaxValue, WalkWindow: 2000);

    [Fact]
    public async Task Misspelt_words_give_the_same_pages_by_levels_as_by_ranking_every_candidate()
    {
        await RegisterGeneratedNamesAsync();
        await using var probe = await DbProbe.OpenAsync(app.Services);
        int servedByLevels = 0, matched = 0;
        foreach (var query in Queries)
        {
            var expected = await BruteForceAsync(probe.Connection, query);
            matched += expected.Count > 0 ? 1 : 0;
            foreach (var limit in new[] { 1, 3, 7, 20 })
            {
                foreach (var settings in new[] { ForcedLevels, CutLists, RankingOnly })
                {
                    (await WalkAsync(probe.Connection, query, limit, settings)).Should()
                        .Equal(expected, "{0}, pages of {1}, {2}", query, limit, settings);
                }
            }
            if (expected.Count == 0)
            {
                continue;
            }
            if (!await RankingRanAsync(probe.Connection, query, ForcedLevels))
            {
                servedByLevels++;
            }
            (await RankingRanAsync(probe.Connection, query, RankingOnly)).Should().BeTrue("{0} is ranked in full when the level path is off", query);
            (await RankingRanAsync(probe.Connection, query, CutLists)).Should().BeTrue("{0}: a cut list sends it to the ranking path", query);
        }

        matched.Should().BeGreaterThan(Queries.Length * 2 / 3, "most queries must match generated names");
        servedByLevels.Should().BeGreaterThan(matched / 2, "the level path must serve most of the queries, or the comparison proves little");
    }

    private async Task RegisterGeneratedNamesAsync()
    {
        var owner = app.Business("level-owner-1");
        var random = new Random(16);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (names.Count < 90)
        {
            var families = Families.OrderBy(_ => random.Next()).Take(random.Next(1, 4));
            var words = families.Select(f => f[random.Next(f.Length)]).ToList();
            if (random.Next(3) == 0)
            {
                words.Add(random.Next(5, 15).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            names.Add(string.Join(' ', words));
        }
        foreach (var name in names)
        {
            await owner.RegisterAsync(name);
        }
    }

    private static async Task<List<long>> WalkAsync(NpgsqlConnection connection, string query, int limit, LevelSearchSettings settings)
    {
        var ids = new List<long>();
        var criteria = new CompanySearchCriteria(query, null, null, null, limit, null);
        for (var page = 0; page < 200; page++)
        {
            var result = await CompanySearch.RunAsync(connection, criteria, 0.5f, settings, default);
            result.Ids.Count.Should().BeLessThanOrEqualTo(limit);
            ids.AddRange(result.Ids);
            if (result.Next is null)
            {
                return ids;
            }
            criteria = criteria with { After = result.Next };
        }
        throw new InvalidOperationException($"{query}: more than 200 pages");
    }

    // The ranking's definition over every company: each query word's best similarity among the name's words (every query
    // word must have one), their mean, then the shorter name, then the id.
    private static async Task<List<long>> BruteForceAsync(NpgsqlConnection connection, string query)
    {
        var words = CompanySearch.QueryWords(NameNormalizer.ForComparison(query));
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setting = new NpgsqlCommand("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)", connection, transaction))
        {
            await setting.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(
            "SELECT s.id FROM company_search s CROSS JOIN LATERAL (SELECT (sum(b.best) / $2)::real AS score, count(*) AS matched FROM (" +
            "SELECT max(word_similarity(q.qw, w.word)) AS best FROM unnest($1::text[]) WITH ORDINALITY AS q(qw, i) CROSS JOIN unnest(s.words) AS w(word) " +
            "WHERE q.qw <% w.word GROUP BY q.i) AS b) AS sc WHERE sc.matched = $2 ORDER BY sc.score DESC, s.name_length, s.id", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = words.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = words.Count });
        var ids = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        await transaction.CommitAsync();
        return ids;
    }

    // Whether the first page's statement ran the ranking path (its GIN lookup on company_search.words), from the plan; the
    // planner is told not to read the few rows here sequentially instead.
    private static async Task<bool> RankingRanAsync(NpgsqlConnection connection, string query, LevelSearchSettings settings)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setting = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
        {
            await setting.ExecuteNonQueryAsync();
        }
        await using var batch = CompanySearch.CreateBatch(connection, new CompanySearchCriteria(query, null, null, null, 3, null), 0.5f, settings);
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
        using var document = JsonDocument.Parse(plan);
        return Nodes(document.RootElement[0].GetProperty("Plan"))
            .Any(n => n.TryGetProperty("Index Name", out var index) && index.GetString() == "ix_company_search_words"
                && n.GetProperty("Actual Loops").GetDouble() > 0);
    }

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
}

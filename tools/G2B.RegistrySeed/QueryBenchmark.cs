using System.Diagnostics;
using System.Globalization;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Api.Search;
using Npgsql;

namespace G2B.RegistrySeed;

/// <summary>
/// Times the regulator's typical searches: the service's search statement plus the hydration of the
/// page (companies and licences by id), as the endpoint runs them, over one pooled connection.
/// </summary>
internal sealed class QueryBenchmark(NpgsqlDataSource dataSource, float threshold, int iterations, string? only = null)
{
    /// <summary>The commonest business words of the vocabulary: each is held by 5-20% of the names.</summary>
    internal static readonly string[] CommonWords = ["trade", "trading", "group", "services"];

    private readonly Random _random = new(11);

    public async Task<List<(string Scenario, double P50, double P95, double P99, double Max)>> RunAsync()
    {
        var sample = await SampleAsync(dataSource, 500);
        var scenarios = new (string Name, Func<Task> Run)[]
        {
            ("fuzzy name, typo + partial word", () => SearchAsync(Query(Typo(Pick(sample).Name)))),
            ("fuzzy single partial word (broad)", () => SearchAsync(Query(Partial(Pick(sample).Name)))),
            ("exact registration number", () => SearchAsync(Query(Pick(sample).Number.ToLowerInvariant()))),
            ("exact tax id", () => SearchAsync(Query(Pick(sample).TaxId))),
            ("status + activity code", () => SearchAsync(Filter(CompanyStatus.Active, Pick(BulkLoader.CommonCodes), null))),
            ("status + rare activity code", () => SearchAsync(Filter(CompanyStatus.Suspended, "01.12", null))),
            ("licence type filter", () => SearchAsync(Filter(null, null, Pick(BulkLoader.LicenceTypes)))),
            ("page 2..10 of status listing", () => DeepPageAsync(Filter(CompanyStatus.Active, null, null))),
            ("page 2 of a fuzzy search", () => DeepPageAsync(Query(Typo(Pick(sample).Name)), pages: 2)),
            ("pages 2..10 of a broad one-word search", () => DeepPageAsync(Query(Partial(Pick(sample).Name)))),
            ("pages 2..10 of a common word", () => DeepPageAsync(Query(Pick(CommonWords)))),
            ("fuzzy one word + licence type", () => SearchAsync(Query(Partial(Pick(sample).Name)) with { LicenceType = Pick(BulkLoader.LicenceTypes) })),
            ("fuzzy one word + status Suspended", () => SearchAsync(Query(Partial(Pick(sample).Name)) with { Status = CompanyStatus.Suspended })),
            ("fuzzy one word + rare activity code", () => SearchAsync(Query(Partial(Pick(sample).Name)) with { ActivityCode = "01.12" })),
            ("get by registration number", () => GetAsync(Pick(sample).Number)),
        };
        var results = new List<(string, double, double, double, double)>();
        foreach (var (name, run) in scenarios.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            for (var i = 0; i < 10; i++)
            {
                await run();
            }
            var timings = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
            var timing = QueryTiming.Of(name, timings);
            results.Add((name, timing.P50, timing.P95, timing.P99, timing.Max));
            Console.WriteLine($"{name,-36} p50 {results[^1].Item2,7:F2} ms  p95 {results[^1].Item3,7:F2} ms");
        }
        return results;
    }

    private static CompanySearchCriteria Query(string q) => new(q, null, null, null, 20, null);

    private static CompanySearchCriteria Filter(CompanyStatus? status, string? code, string? licenceType) => new(null, status, code, licenceType, 20, null);

    /// <summary>The start of one word of the name, as a regulator types "pharm" for every pharmacy.</summary>
    internal static string Partial(string name, Random random)
    {
        var words = name.Split(' ').Where(w => w.Length >= 3 && !char.IsDigit(w[0])).ToArray();
        var word = words.Length == 0 ? name : words[random.Next(words.Length)];
        return word[..Math.Min(5, word.Length)];
    }

    private string Partial(string name) => Partial(name, _random);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Drops one inner letter of the first word and cuts the last word short: "Ashgabat Trade" -> "Ashgbat Tra".</summary>
    private string Typo(string name) => Typo(name, _random);

    internal static string Typo(string name, Random random)
    {
        var words = name.Split(' ');
        if (words[0].Length > 4)
        {
            var at = random.Next(1, words[0].Length - 1);
            words[0] = words[0].Remove(at, 1);
        }
        var lastIndex = Math.Min(words.Length - 1, 2);
        if (words[lastIndex].Length > 4)
        {
            words[lastIndex] = words[lastIndex][..^2];
        }
        return string.Join(' ', words.Take(lastIndex + 1));
    }

    private async Task SearchAsync(CompanySearchCriteria criteria)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var page = await CompanySearch.RunAsync(connection, criteria, threshold, CancellationToken.None);
        await HydrateAsync(connection, page.Ids);
    }

    private async Task DeepPageAsync(CompanySearchCriteria criteria, int pages = 10)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var current = criteria;
        for (var i = 0; i < pages; i++)
        {
            var page = await CompanySearch.RunAsync(connection, current, threshold, CancellationToken.None);
            await HydrateAsync(connection, page.Ids);
            if (page.Next is null)
            {
                return;
            }
            current = current with { After = page.Next };
        }
    }

    private async Task GetAsync(string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.*, l.* FROM companies c LEFT JOIN company_licences l ON l.company_id = c.id WHERE c.registration_number = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task HydrateAsync(NpgsqlConnection connection, IReadOnlyList<long> ids)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT * FROM companies WHERE id = ANY($1)") { Parameters = { new() { Value = ids.ToArray() } } },
                new NpgsqlBatchCommand("SELECT * FROM company_licences WHERE company_id = ANY($1)") { Parameters = { new() { Value = ids.ToArray() } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
            }
        }
        while (await reader.NextResultAsync());
    }

    internal static async Task<List<(string Name, string Number, string TaxId)>> SampleAsync(NpgsqlDataSource dataSource, int size)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT legal_name, registration_number, tax_id FROM companies TABLESAMPLE SYSTEM (1) REPEATABLE (3) LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows.Count > 0 ? rows : throw new InvalidOperationException("The companies table is empty: load it first.");
    }

    public static string Format(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);
}

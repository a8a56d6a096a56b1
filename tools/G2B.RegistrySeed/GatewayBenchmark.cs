using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using G2B.Journey;
using G2B.LoadTest.Measurement;
using Npgsql;

namespace G2B.RegistrySeed;

/// <summary>
/// The regulator search end to end: <c>GET /api/companies</c> through the gateway with a regulator
/// token, each JSON page read in full, while businesses register companies through the gateway at
/// a steady rate (<c>POST /api/companies</c>). Each query kind runs one after the other from one
/// caller; the registrations run beside them the whole time. With the runner's suite file, the
/// suite's CPU per process is measured around the queries.
/// </summary>
internal sealed class GatewayBenchmark(Uri gateway, NpgsqlDataSource dataSource, int iterations, double registrationsPerSecond, string? suiteFile)
{
    private readonly Random _random = new(13);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 64 })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<List<QueryTiming>> RunAsync(TextWriter output)
    {
        var api = new SuiteApi(_http);
        var regulator = await api.TokenAsync("bench-regulator", "regulator");
        var sample = await QueryBenchmark.SampleAsync(dataSource, 500);
        var licensed = await LicensedWordsAsync();

        using var stop = new CancellationTokenSource();
        var registrations = new RegistrationLoad(api, registrationsPerSecond);
        var writer = registrationsPerSecond > 0 ? registrations.RunAsync(stop.Token) : Task.CompletedTask;
        var window = suiteFile is null ? null : new SuiteProbe(suiteFile).Begin();
        var queries = 0;
        var clock = Stopwatch.StartNew();
        var results = new List<QueryTiming>();
        try
        {
            var scenarios = new (string Name, Func<Task<int>> Run)[]
            {
                ("fuzzy name, typo", () => PageAsync(regulator, Q(QueryBenchmark.Typo(Pick(sample).Name, _random)))),
                ("exact registration number", () => PageAsync(regulator, Q(Pick(sample).Number))),
                ("exact tax id", () => PageAsync(regulator, Q(Pick(sample).TaxId))),
                ("one word + licence type", () =>
                {
                    var (word, type) = Pick(licensed);
                    return PageAsync(regulator, Q(word) + "&licenceType=" + Uri.EscapeDataString(type));
                }),
                ("one partial word (broad)", () => PageAsync(regulator, Q(QueryBenchmark.Partial(Pick(sample).Name, _random)))),
                ("one word + status Suspended", () => PageAsync(regulator, Q(QueryBenchmark.Partial(Pick(sample).Name, _random)) + "&status=Suspended")),
                ("get by registration number", () => GetAsync(regulator, Pick(sample).Number)),
            };
            foreach (var (name, run) in scenarios)
            {
                results.Add(await TimeAsync(name, run, output));
                queries += iterations;
            }
            results.AddRange(await DeepPagingAsync(regulator, Q(QueryBenchmark.Partial(sample[0].Name, _random)), output));
            results.AddRange(await DeepPagingAsync(regulator, Q(QueryBenchmark.CommonWords[0]), output));
            results.AddRange(await DeepPagingAsync(regulator, "status=Active", output));
            queries += results.Skip(scenarios.Length).Sum(r => r.Count);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        output.WriteLine();
        output.WriteLine($"Registrations during the queries: {registrations.Created} created, {registrations.Conflicts} conflicts (409), " +
            $"{registrations.Failures} failed, in {clock.Elapsed.TotalSeconds:F0} s ({registrations.Created / clock.Elapsed.TotalSeconds:F1}/s); " +
            $"registration p50 {QueryBenchmark.Format(registrations.Percentile(0.5))} ms, p95 {QueryBenchmark.Format(registrations.Percentile(0.95))} ms");
        if (window is not null)
        {
            SuiteReport.Write(output, await window.EndAsync(CancellationToken.None), queries, "query");
        }
        return results;
    }

    private static string Q(string q) => "q=" + Uri.EscapeDataString(q);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private async Task<QueryTiming> TimeAsync(string name, Func<Task<int>> run, TextWriter output)
    {
        for (var i = 0; i < 10; i++)
        {
            await run();
        }
        var timings = new List<double>(iterations);
        var rows = 0L;
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            rows += await run();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        var timing = QueryTiming.Of(name, timings);
        output.WriteLine($"{name,-36} p50 {timing.P50,7:F2} ms  p95 {timing.P95,7:F2} ms  p99 {timing.P99,7:F2} ms  ({rows / (double)iterations:F1} rows a page, load {LoadAverage()})");
        return timing;
    }

    /// <summary>Walks one listing page after page (the cursor only) and times the pages by depth: 2..10, 11..100, 101..iterations.</summary>
    private async Task<IEnumerable<QueryTiming>> DeepPagingAsync(string token, string query, TextWriter output)
    {
        var bands = new[] { (From: 2, To: 10), (From: 11, To: 100), (From: 101, To: Math.Max(101, iterations)) };
        var timings = bands.Select(_ => new List<double>()).ToArray();
        string? cursor = null;
        var depth = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var repeated = 0;
        do
        {
            var watch = Stopwatch.StartNew();
            var (page, next) = await ListAsync(token, query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)) + "&limit=20");
            var elapsed = watch.Elapsed.TotalMilliseconds;
            depth++;
            repeated += page.Count(id => !ids.Add(id));
            var band = Array.FindIndex(bands, b => depth >= b.From && depth <= b.To);
            if (band >= 0)
            {
                timings[band].Add(elapsed);
            }
            cursor = next;
        }
        while (cursor is not null && depth < bands[^1].To);
        output.WriteLine($"deep paging of '{query}': {depth} pages, {ids.Count} companies, {repeated} repeated (must be 0), load {LoadAverage()}");
        return bands.Select((b, i) => (b, i)).Where(x => timings[x.i].Count > 0)
            .Select(x => QueryTiming.Of($"pages {x.b.From}..{Math.Min(x.b.To, depth)} of '{query}'", timings[x.i]));
    }

    private async Task<int> PageAsync(string token, string query) => (await ListAsync(token, query)).Ids.Count;

    private async Task<(List<string> Ids, string? Next)> ListAsync(string token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/companies?" + query);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStreamAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /api/companies?{query}: {(int)response.StatusCode} {await new StreamReader(body).ReadToEndAsync()}");
        }
        using var json = await JsonDocument.ParseAsync(body);
        var ids = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("registrationNumber").GetString()!).ToList();
        var next = json.RootElement.GetProperty("nextCursor");
        return (ids, next.ValueKind == JsonValueKind.String ? next.GetString() : null);
    }

    private async Task<int> GetAsync(string token, string number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/companies/" + Uri.EscapeDataString(number));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return response.StatusCode == HttpStatusCode.OK ? 1 : throw new InvalidOperationException($"GET /api/companies/{number}: {(int)response.StatusCode}");
    }

    /// <summary>A word of a licensed company's name (its first five letters) with that company's licence type: the pairs a regulator looks for.</summary>
    private async Task<List<(string Word, string Type)>> LicensedWordsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.legal_name, l.licence_type FROM company_licences l TABLESAMPLE SYSTEM (5) REPEATABLE (5) JOIN companies c ON c.id = l.company_id LIMIT 500",
            connection);
        var pairs = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pairs.Add((QueryBenchmark.Partial(reader.GetString(0), _random), reader.GetString(1)));
        }
        return pairs.Count > 0 ? pairs : throw new InvalidOperationException("No company holds a licence: load the registry first.");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

/// <summary>Nearest-rank percentiles of one query kind, in milliseconds.</summary>
internal sealed record QueryTiming(string Name, int Count, double P50, double P95, double P99, double Max, string Load)
{
    public static QueryTiming Of(string name, List<double> timings)
    {
        timings.Sort();
        return new QueryTiming(name, timings.Count, Percentile(timings, 0.50), Percentile(timings, 0.95), Percentile(timings, 0.99), timings[^1],
            GatewayBenchmark.LoadAverage());
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Businesses registering companies through the gateway at a fixed rate (one request every 1/rate seconds, not waiting for the previous).</summary>
internal sealed class RegistrationLoad(SuiteApi api, double perSecond)
{
    private static readonly string[] _codes = ["47.11", "56.10", "62.01", "49.32", "41.20"];
    private readonly NameGenerator _names = new(seed: Environment.TickCount, vocabularySize: 20_000);
    private readonly List<double> _timings = [];
    private readonly long _taxBase = 900_000_000_000 + DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 10_000_000 * 10_000;
    private int _created, _conflicts, _failures, _sent;

    public int Created => _created;
    public int Conflicts => _conflicts;
    public int Failures => _failures;

    public double Percentile(double p)
    {
        lock (_timings)
        {
            var sorted = _timings.Order().ToList();
            return sorted.Count == 0 ? double.NaN : QueryTiming.Percentile(sorted, p);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var token = await api.TokenAsync("bench-business", "business", ct);
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        using var timer = new PeriodicTimer(interval);
        var inFlight = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(RegisterOneAsync(token));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(inFlight);
    }

    private async Task RegisterOneAsync(string token)
    {
        var n = Interlocked.Increment(ref _sent);
        string name;
        lock (_names)
        {
            name = _names.Next();
        }
        var company = new RegisterCompany(name + " Bench", "LLC", (_taxBase + n).ToString(CultureInfo.InvariantCulture),
            new Address("Street 1", null, "Ashgabat", null, null, "TM"), [_codes[n % _codes.Length]]);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await api.SendRawAsync(HttpMethod.Post, "/api/companies", token, company);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            lock (_timings)
            {
                _timings.Add(elapsed);
            }
            _ = response.StatusCode switch
            {
                HttpStatusCode.Created => Interlocked.Increment(ref _created),
                HttpStatusCode.Conflict => Interlocked.Increment(ref _conflicts),
                _ => Interlocked.Increment(ref _failures),
            };
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failures);
        }
        catch (TaskCanceledException)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}

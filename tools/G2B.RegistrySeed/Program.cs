using System.Diagnostics;
using CompanyRegistry.Api;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Domain;
using G2B.LocalInfra;
using G2B.RegistrySeed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Usage: dotnet run -c Release --project tools/G2B.RegistrySeed -- [--connection CS] [--count 1000000] [--iterations 200] [--skip-load]
// Without --connection (or ConnectionStrings__Database) it starts a throwaway PostgreSQL of its own.
// With --suite .local/suite.json (a suite started by ./run.sh) it loads that suite's registry and times the
// search through its gateway while registrations run (--registrations-per-second).
return await SeedOptions.Command(SeedAsync).Parse(args).InvokeAsync();

static async Task<int> SeedAsync(SeedOptions options)
{
    LocalPostgres? server = null;
    var suite = options.SuiteFile is null ? null : G2B.LoadTest.Measurement.SuiteDescription.Load(options.SuiteFile);
    var connectionString = options.Connection
        ?? suite?.Databases.FirstOrDefault(d => d.Service == "company-registry")?.ConnectionString;
    var gateway = options.Gateway ?? (suite?.UrlOf("gateway") is { } url ? new Uri(url) : null);
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        server = await LocalPostgres.StartAsync(new LocalPostgresOptions(options.WorkDirectory, Durable: false));
        await server.CreateDatabaseAsync("registry_bench");
        connectionString = server.ConnectionString("registry_bench");
    }

    try
    {
        // The same migrations (and history table) the service applies at start-up, so the benchmark runs on the real schema
        // and a running suite's database is only brought up to date.
        var contextOptions = new DbContextOptionsBuilder<CompanyRegistryDbContext>()
            .UseNpgsql(connectionString)
            .Options;
        await using (var db = new CompanyRegistryDbContext(contextOptions))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var total = Stopwatch.StartNew();
        if (!options.SkipLoad)
        {
            await BulkLoader.LoadAsync(dataSource, options.Count, [.. ActivityCodeCatalog.Load().All.Select(c => c.Code)]);
            Console.WriteLine($"Load finished in {total.Elapsed.TotalSeconds:F0} s");
        }

        List<(string Scenario, double P50, double P95, double P99, double Max)> results;
        if (gateway is not null)
        {
            var timings = await new GatewayBenchmark(gateway, dataSource, options.Iterations, options.RegistrationsPerSecond, options.SuiteFile)
                .RunAsync(Console.Out);
            results = [.. timings.Select(t => ($"{t.Name} (load {t.Load})", t.P50, t.P95, t.P99, t.Max))];
        }
        else
        {
            var threshold = new RegistryOptions().WordSimilarityThreshold;
            results = await new QueryBenchmark(dataSource, threshold, options.Iterations, options.Only).RunAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"| query ({options.Iterations} runs each) | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (scenario, p50, p95, p99, max) in results)
        {
            Console.WriteLine($"| {scenario} | {QueryBenchmark.Format(p50)} | {QueryBenchmark.Format(p95)} | {QueryBenchmark.Format(p99)} | {QueryBenchmark.Format(max)} |");
        }
    }
    finally
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    return 0;
}

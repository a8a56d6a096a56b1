using System.CommandLine;

namespace G2B.RegistrySeed;

/// <summary>Command line: <c>[--connection CS] [--count N] [--iterations N] [--skip-load] [--work-dir DIR] [--suite FILE] [--gateway URL] [--registrations-per-second N] [--only TEXT]</c>.</summary>
internal sealed record SeedOptions(
    string? Connection, int Count, int Iterations, bool SkipLoad, string WorkDirectory, Uri? Gateway, string? SuiteFile, double RegistrationsPerSecond, string? Only = null)
{
    private static readonly Option<Uri?> _gateway = new("--gateway")
    {
        Description = "Time the search end to end through this gateway (GET /api/companies, regulator token, JSON) instead of the SQL alone.",
        CustomParser = r => new Uri(r.Tokens[0].Value, UriKind.Absolute),
    };

    private static readonly Option<string?> _suite = new("--suite")
    {
        Description = "The runner's suite file (.local/suite.json): the gateway, the registry's connection string, and the processes whose CPU is measured.",
    };

    private static readonly Option<double> _registrations = new("--registrations-per-second")
    {
        Description = "Gateway mode: companies registered through the gateway per second while the queries run.",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<string?> _connection = new("--connection")
    {
        Description = "The registry database (or ConnectionStrings__Database); without either, a throwaway PostgreSQL of its own.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__Database"),
    };

    private static readonly Option<int> _count = new("--count") { Description = "Companies to load.", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> _iterations = new("--iterations") { Description = "Runs of each query.", DefaultValueFactory = _ => 200 };
    private static readonly Option<bool> _skipLoad = new("--skip-load") { Description = "Time the queries on what is already loaded." };

    private static readonly Option<string?> _only = new("--only") { Description = "SQL mode: time only the query kinds whose name contains this text." };

    private static readonly Option<string> _workDirectory = new("--work-dir")
    {
        Description = "Where the throwaway PostgreSQL lives.",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "g2b-registry-seed"),
    };

    public static RootCommand Command(Func<SeedOptions, Task<int>> run)
    {
        var command = new RootCommand("Bulk-loads synthetic companies into the registry schema and times the regulator's search queries.")
        {
            _connection, _count, _iterations, _skipLoad, _workDirectory, _gateway, _suite, _registrations, _only,
        };
        command.SetAction(parsed => run(new SeedOptions(
            parsed.GetValue(_connection), parsed.GetValue(_count), parsed.GetValue(_iterations), parsed.GetValue(_skipLoad),
            parsed.GetValue(_workDirectory)!, parsed.GetValue(_gateway), parsed.GetValue(_suite), parsed.GetValue(_registrations), parsed.GetValue(_only))));
        return command;
    }
}

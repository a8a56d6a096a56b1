using System.CommandLine;

namespace G2B.RegistrySeed;

/// <summary>Command line: <c>[--connection CS] [--count N] [--iterations N] [--skip-load] [--work-dir DIR]</c>.</summary>
internal sealed record SeedOptions(string? Connection, int Count, int Iterations, bool SkipLoad, string WorkDirectory)
{
    private static readonly Option<string?> _connection = new("--connection")
    {
        Description = "The registry database (or ConnectionStrings__Database); without either, a throwaway PostgreSQL of its own.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__Database"),
    };

    private static readonly Option<int> _count = new("--count") { Description = "Companies to load.", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> _iterations = new("--iterations") { Description = "Runs of each query.", DefaultValueFactory = _ => 200 };
    private static readonly Option<bool> _skipLoad = new("--skip-load") { Description = "Time the queries on what is already loaded." };

    private static readonly Option<string> _workDirectory = new("--work-dir")
    {
        Description = "Where the throwaway PostgreSQL lives.",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "g2b-registry-seed"),
    };

    public static RootCommand Command(Func<SeedOptions, Task<int>> run)
    {
        var command = new RootCommand("Bulk-loads synthetic companies into the registry schema and times the regulator's search queries.")
        {
            _connection, _count, _iterations, _skipLoad, _workDirectory,
        };
        command.SetAction(parsed => run(new SeedOptions(
            parsed.GetValue(_connection), parsed.GetValue(_count), parsed.GetValue(_iterations), parsed.GetValue(_skipLoad),
            parsed.GetValue(_workDirectory)!)));
        return command;
    }
}

using System.Globalization;

namespace G2B.RegistrySeed;

/// <summary>Command line: <c>[--connection CS] [--count N] [--iterations N] [--skip-load] [--work-dir DIR]</c>.</summary>
internal sealed record SeedOptions(string? Connection, int Count, int Iterations, bool SkipLoad, string WorkDirectory)
{
    public static SeedOptions Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("ConnectionStrings__Database");
        var count = 1_000_000;
        var iterations = 200;
        var skipLoad = false;
        var workDirectory = Path.Combine(Path.GetTempPath(), "g2b-registry-seed");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--connection": connection = Next(); break;
                case "--count": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--skip-load": skipLoad = true; break;
                case "--work-dir": workDirectory = Next(); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }
        return new SeedOptions(connection, count, iterations, skipLoad, workDirectory);
    }
}

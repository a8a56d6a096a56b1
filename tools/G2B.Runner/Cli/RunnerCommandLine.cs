using System.CommandLine;
using G2B.Runner.Hosting;

namespace G2B.Runner.Cli;

/// <summary>The runner's command line: <c>up</c> and its options.</summary>
internal static class RunnerCommandLine
{
    private static readonly Option<bool> _noBuild = new("--no-build") { Description = "Start the last build's output without building first." };
    private static readonly Option<string> _configuration = new("--configuration", "-c") { Description = "Debug or Release (the runner's own by default)." };
    private static readonly Option<bool> _freePorts = new("--free-ports") { Description = "Free loopback ports instead of tye.yaml's (beside another run)." };
    private static readonly Option<string> _only = new("--only") { Description = "Only these services, comma-separated (and what they need)." };
    private static readonly Option<string> _workDir = new("--work-dir") { Description = "State of the run: databases, logs (.local by default)." };
    private static readonly Option<bool> _demo = new("--demo") { Description = "Run the licence journey once, on this suite or one already running." };

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = Command().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, parsed.Errors.Select(e => e.Message).Append("See --help.")));
            return 2;
        }

        // The up command stops its children on SIGINT/SIGTERM itself, however long that takes.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    public static RootCommand Command()
    {
        var up = new Command("up", """
            Runs PostgreSQL, Redis, a Dapr sidecar per service and every service of tye.yaml, restarting
            whatever dies (1 s backoff, doubling to 30 s); Ctrl-C stops them all and restarts nothing.
            """)
        {
            _noBuild, _configuration, _freePorts, _only, _workDir, _demo,
        };
        up.SetAction(parsed => UpCommand.RunAsync(Options(parsed), parsed.GetValue(_demo)));
        return new RootCommand("Runs the suite locally from tye.yaml.") { up };
    }

    /// <summary>What <c>up</c> was asked for, as the suite host takes it.</summary>
    public static SuiteOptions Options(ParseResult parsed) => new()
    {
        Build = !parsed.GetValue(_noBuild),
        Configuration = parsed.GetValue(_configuration),
        UseFreePorts = parsed.GetValue(_freePorts),
        Services = parsed.GetValue(_only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        WorkDirectory = parsed.GetValue(_workDir),
    };
}

using System.Text.Json;

namespace G2B.LoadTest.Measurement;

public sealed record SuiteProcessEntry(string Name, string Kind, int? Pid, string? Url, int? Port);

public sealed record SuiteDatabaseEntry(string Service, string Name, string ConnectionString);

/// <summary>
/// The suite file the runner writes (<c>.local/suite.json</c>, tools/G2B.Runner SuiteFile): the
/// processes of the running suite and the databases' connection strings. Read again at every
/// measurement, since a process that was restarted has a new pid.
/// </summary>
public sealed record SuiteDescription(int RunnerPid, IReadOnlyList<SuiteProcessEntry> Processes, IReadOnlyList<SuiteDatabaseEntry> Databases)
{
    public const string RunnerGroup = "runner (log relay)";
    public const string LoadToolGroup = "load tool";
    public const string DefaultPath = ".local/suite.json";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static SuiteDescription Parse(string json)
    {
        var suite = JsonSerializer.Deserialize<SuiteDescription>(json, _json) ?? throw new FormatException("The suite file is JSON null.");
        return suite with { Processes = suite.Processes ?? [], Databases = suite.Databases ?? [] };
    }

    public static SuiteDescription Load(string path) => Parse(File.ReadAllText(path));

    public string? UrlOf(string name) => Processes.FirstOrDefault(p => p.Name == name)?.Url;

    /// <summary>The suite's Redis as host:port (the pub/sub streams), when the suite file names one.</summary>
    public string? RedisAddress => Processes.FirstOrDefault(p => p.Kind == "redis" && p.Port is not null) is { } redis ? $"127.0.0.1:{redis.Port}" : null;

    /// <summary>
    /// The processes a CPU figure is summed under: each suite process (with whatever it starts), the
    /// runner for the rest of its descendants, and the load tool itself (reported apart).
    /// </summary>
    public IReadOnlyDictionary<int, string> Roots(int loadToolPid)
    {
        var roots = new Dictionary<int, string> { [RunnerPid] = RunnerGroup };
        foreach (var p in Processes.Where(p => p.Pid is not null))
        {
            roots[p.Pid!.Value] = p.Name;
        }

        roots[loadToolPid] = LoadToolGroup;
        return roots;
    }

    /// <summary>The .NET processes (services and sidecars) whose exceptions are counted.</summary>
    public IEnumerable<(string Name, int Pid)> DotnetProcesses() =>
        Processes.Where(p => p.Pid is not null && p.Kind is "service" or "sidecar").Select(p => (p.Name, p.Pid!.Value));
}

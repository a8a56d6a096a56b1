using System.Text.Json;
using System.Text.Json.Serialization;

namespace G2B.Runner.Hosting;

/// <summary>One process of a running suite, as tools beside it (the load tool) need it.</summary>
/// <param name="Kind">service, sidecar, postgres or redis.</param>
/// <param name="Pid">Null while it is down (between a crash and its restart).</param>
public sealed record SuiteFileProcess(string Name, string Kind, int? Pid, string? Url, int? Port);

/// <summary>A connection string a service was given (<c>ConnectionStrings__&lt;Name&gt;</c>), with the ports of this run.</summary>
public sealed record SuiteFileDatabase(string Service, string Name, string ConnectionString);

/// <summary>
/// The suite file (<c>.local/suite.json</c>): where every process of this run is (pid, URL, port)
/// and the databases' connection strings, so a tool can measure the suite without guessing from
/// command lines. Rewritten whenever a process comes back under a new pid; removed on stop.
/// </summary>
public sealed record SuiteFile(int RunnerPid, DateTimeOffset WrittenAt, IReadOnlyList<SuiteFileProcess> Processes, IReadOnlyList<SuiteFileDatabase> Databases)
{
    public const string FileName = "suite.json";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static SuiteFile Parse(string json) =>
        JsonSerializer.Deserialize<SuiteFile>(json, _json) ?? throw new FormatException("The suite file is JSON null.");

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }
}

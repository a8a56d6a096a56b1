namespace Deployment.Tests.Infrastructure;

/// <summary>tye.yaml, the one local topology: service names and which of them run a Dapr sidecar.</summary>
public sealed class TyeTopology
{
    private TyeTopology(Dictionary<string, object?> document) => Document = document;

    public Dictionary<string, object?> Document { get; }

    public static TyeTopology Load() => new(Yaml.LoadFile(RepoPaths.Path("tye.yaml")).Single());

    public IReadOnlyList<string> ServiceNames => Document.Maps("services").Select(s => s.Str("name")!).ToList();

    /// <summary>The names tye runs with a sidecar: the dapr extension's services not marked enabled: false.</summary>
    public IReadOnlyList<string> DaprAppIds
    {
        get
        {
            var dapr = Document.Maps("extensions").Single(e => e.Str("name") == "dapr");
            return dapr.Map("services")
                .Where(kv => (kv.Value as Dictionary<string, object?>).Str("enabled") is not "false")
                .Select(kv => kv.Key)
                .ToList();
        }
    }

    public string? ComponentsPath => Document.Maps("extensions").Single(e => e.Str("name") == "dapr").Str("components-path");
}

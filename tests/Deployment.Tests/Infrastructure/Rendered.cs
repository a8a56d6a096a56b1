namespace Deployment.Tests.Infrastructure;

/// <summary>One rendered overlay: the objects and the look-ups the tests need.</summary>
public sealed class Rendered(List<Dictionary<string, object?>> objects)
{
    public IReadOnlyList<Dictionary<string, object?>> Objects { get; } = objects;

    public IEnumerable<Dictionary<string, object?>> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public Dictionary<string, object?>? Find(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.Str("metadata.name") == name);

    public Dictionary<string, object?> Get(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"{kind}/{name} is not in the rendered overlay");

    public IEnumerable<Dictionary<string, object?>> Deployments => OfKind("Deployment");

    /// <summary>Deployments that get a Dapr sidecar.</summary>
    public IEnumerable<Dictionary<string, object?>> DaprDeployments =>
        Deployments.Where(d => d.Str("spec.template.metadata.annotations.dapr.io/enabled") == "true");

    /// <summary>
    /// The environment a container sees: envFrom ConfigMaps first, then env entries (which win,
    /// as in Kubernetes). Values from Secrets show as "secret:name/key"; those never render.
    /// </summary>
    public Dictionary<string, string?> Environment(Dictionary<string, object?> container)
    {
        var env = new Dictionary<string, string?>();
        foreach (var source in container.Maps("envFrom"))
        {
            if (source.Str("configMapRef.name") is { } cm && Find("ConfigMap", cm) is { } map)
            {
                foreach (var (k, v) in map.Map("data"))
                {
                    env[k] = v as string;
                }
            }
        }
        foreach (var e in container.Maps("env"))
        {
            env[e.Str("name")!] = e.Str("value")
                ?? (e.At("valueFrom.secretKeyRef") is { } s ? $"secret:{s.Str("name")}/{s.Str("key")}" : null);
        }
        return env;
    }
}

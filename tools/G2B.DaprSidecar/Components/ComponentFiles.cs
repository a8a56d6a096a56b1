namespace G2B.DaprSidecar.Components;

/// <summary>
/// Writes the component manifests <see cref="ResourceLoader"/> reads, for hosts that start a sidecar of their
/// own (tests, the benchmark): the one place the pubsub.redis manifest is spelled out.
/// </summary>
public static class ComponentFiles
{
    /// <summary>
    /// Writes <c>pubsub.yaml</c> into <paramref name="folder"/>: a pubsub.redis component named <paramref name="name"/>
    /// on <paramref name="redisEndpoint"/>, with any further <paramref name="metadata"/> and component <paramref name="scopes"/>.
    /// </summary>
    public static string WriteRedisPubSub(
        string folder, string redisEndpoint, string name = "pubsub",
        IEnumerable<(string Name, string Value)>? metadata = null, IEnumerable<string>? scopes = null)
    {
        var items = string.Concat((metadata ?? []).Select(m => $"    - name: {m.Name}\n      value: {m.Value}\n"));
        var scopeLines = scopes is null ? "" : "scopes:\n" + string.Concat(scopes.Select(s => $"  - {s}\n"));
        var path = Path.Combine(folder, "pubsub.yaml");
        File.WriteAllText(path, $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - name: redisHost
                  value: {redisEndpoint}

            """ + items + scopeLines);
        return path;
    }
}

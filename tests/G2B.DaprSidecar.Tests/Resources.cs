namespace G2B.DaprSidecar.Tests;

/// <summary>Writes a throwaway Dapr resources folder: a pubsub.redis component and, optionally, a resiliency policy.</summary>
public static class Resources
{
    public static string Create(
        string redisEndpoint, string? retryPolicyYaml = null, IEnumerable<string>? scopes = null, string name = "pubsub", string processingTimeout = "60s")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"g2b-sidecar-res-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var scopeLines = scopes is null ? string.Empty : "scopes:\n" + string.Concat(scopes.Select(s => $"  - {s}\n"));
        File.WriteAllText(Path.Combine(dir, "pubsub.yaml"), $"""
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
                - name: processingTimeout
                  value: {processingTimeout}
                - name: redeliverInterval
                  value: 1s

            """ + scopeLines);
        if (retryPolicyYaml is not null)
        {
            File.WriteAllText(Path.Combine(dir, "resiliency.yaml"), $"""
                apiVersion: dapr.io/v1alpha1
                kind: Resiliency
                metadata:
                  name: test
                spec:
                  policies:
                    retries:
                      inbound:
                {retryPolicyYaml}
                  targets:
                    components:
                      {name}:
                        inbound:
                          retry: inbound
                """);
        }

        return dir;
    }

    /// <summary>Indented to sit under <c>policies.retries.inbound</c>.</summary>
    public static string Constant(string duration, int maxRetries) =>
        $"        policy: constant\n        duration: {duration}\n        maxRetries: {maxRetries}";

    public static string FastRetries { get; } = Constant("50ms", 3);
}

using G2B.DaprSidecar.Components;

namespace G2B.DaprSidecar.Tests;

/// <summary>Writes a throwaway Dapr resources folder: a pubsub.redis component and, optionally, a resiliency policy.</summary>
public static class Resources
{
    public static string Create(
        string redisEndpoint, string? retryPolicyYaml = null, IEnumerable<string>? scopes = null, string name = "pubsub", string processingTimeout = "60s")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"g2b-sidecar-res-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        ComponentFiles.WriteRedisPubSub(
            dir, redisEndpoint, name, [("processingTimeout", processingTimeout), ("redeliverInterval", "1s")], scopes);
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

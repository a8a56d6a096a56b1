using Microsoft.Extensions.Logging;
using YamlDotNet.RepresentationModel;

namespace G2B.DaprSidecar.Components;

/// <summary>
/// Reads Dapr <c>Component</c> and <c>Resiliency</c> manifests from the resources folder, the same files
/// <c>dapr run --resources-path</c> reads. Only what the sidecar implements is interpreted; the rest is ignored.
/// </summary>
public static class ResourceLoader
{
    public static SidecarResources Load(string? folder, string appId, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            logger.LogWarning("Resources folder {Folder} not found; no components loaded", folder);
            return SidecarResources.Empty;
        }

        var pubsubs = new List<PubSubComponent>();
        var retries = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            foreach (var doc in yaml.Documents)
            {
                if (doc.RootNode is not YamlMappingNode root)
                {
                    continue;
                }

                var kind = Scalar(root, "kind");
                if (string.Equals(kind, "Component", StringComparison.Ordinal))
                {
                    var component = ReadComponent(root);
                    if (component is not null && component.Type.StartsWith("pubsub.", StringComparison.Ordinal))
                    {
                        pubsubs.Add(component);
                        logger.LogInformation("Component {Name} ({Type}) loaded from {File}", component.Name, component.Type, file);
                    }
                }
                else if (string.Equals(kind, "Resiliency", StringComparison.Ordinal) && AppliesTo(root, appId))
                {
                    ReadResiliency(root, retries);
                }
            }
        }

        return new SidecarResources(pubsubs, retries);
    }

    private static PubSubComponent? ReadComponent(YamlMappingNode root)
    {
        var name = Scalar(Child(root, "metadata"), "name");
        var spec = Child(root, "spec");
        var type = Scalar(spec, "type");
        if (name is null || type is null)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec?.Children.TryGetValue(new YamlScalarNode("metadata"), out var list) == true && list is YamlSequenceNode items)
        {
            foreach (var item in items.OfType<YamlMappingNode>())
            {
                // secretKeyRef values need a secret store, which the local sidecar does not have.
                var key = Scalar(item, "name");
                var value = Scalar(item, "value");
                if (key is not null && value is not null)
                {
                    metadata[key] = value;
                }
            }
        }

        return new PubSubComponent(name, type, metadata, Strings(root, "scopes"));
    }

    private static void ReadResiliency(YamlMappingNode root, Dictionary<string, RetryPolicy> retries)
    {
        var spec = Child(root, "spec");
        var policies = Child(Child(spec, "policies"), "retries");
        var components = Child(Child(spec, "targets"), "components");
        if (policies is null || components is null)
        {
            return;
        }

        foreach (var (key, node) in components.Children)
        {
            var retryName = Scalar(Child(node as YamlMappingNode, "inbound"), "retry");
            if (retryName is not null && Child(policies, retryName) is { } policy)
            {
                retries[((YamlScalarNode)key).Value!] = ReadPolicy(policy);
            }
        }
    }

    private static RetryPolicy ReadPolicy(YamlMappingNode node)
    {
        var exponential = string.Equals(Scalar(node, "policy"), "exponential", StringComparison.OrdinalIgnoreCase);
        var maxRetries = int.TryParse(Scalar(node, "maxRetries"), out var n) ? n : -1;
        return new RetryPolicy(
            exponential,
            GoDuration.ParseOr(Scalar(node, "duration"), TimeSpan.FromSeconds(5)),
            GoDuration.ParseOr(Scalar(node, "maxInterval"), TimeSpan.FromSeconds(60)),
            maxRetries);
    }

    private static bool AppliesTo(YamlMappingNode root, string appId)
    {
        var scopes = Strings(root, "scopes");
        return scopes.Count == 0 || scopes.Contains(appId, StringComparer.OrdinalIgnoreCase);
    }

    private static YamlMappingNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    private static List<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq
            ? seq.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).Where(s => s.Length > 0).ToList()
            : [];
}

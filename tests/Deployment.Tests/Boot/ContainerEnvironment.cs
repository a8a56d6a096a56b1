using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests.Boot;

/// <summary>
/// The environment Kubernetes gives a rendered container, with Secrets replaced by test values:
/// envFrom ConfigMaps and Secrets in order, then env entries (value, secretKeyRef,
/// configMapKeyRef), then <c>$(VAR)</c> expansion as the kubelet does. A reference to a Secret
/// or key the test does not know fails, as the pod would (CreateContainerConfigError).
/// </summary>
public static partial class ContainerEnvironment
{
    public static Dictionary<string, string> Resolve(
        Rendered rendered, Dictionary<string, object?> container, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets)
    {
        var env = new Dictionary<string, string>();
        foreach (var source in container.Maps("envFrom"))
        {
            if (source.Str("configMapRef.name") is { } cm)
            {
                foreach (var (k, v) in rendered.Get("ConfigMap", cm).Map("data"))
                {
                    env[k] = (string)v!;
                }
            }
            else if (source.Str("secretRef.name") is { } secret)
            {
                foreach (var (k, v) in Secret(secrets, secret))
                {
                    env[k] = v;
                }
            }
        }

        foreach (var e in container.Maps("env"))
        {
            var name = e.Str("name")!;
            if (e.Str("valueFrom.secretKeyRef.name") is { } secret)
            {
                var key = e.Str("valueFrom.secretKeyRef.key")!;
                env[name] = Secret(secrets, secret).TryGetValue(key, out var value)
                    ? value : throw new InvalidOperationException($"{name}: Secret {secret} has no key {key} in the test values");
            }
            else if (e.Str("valueFrom.configMapKeyRef.name") is { } cm)
            {
                env[name] = rendered.Get("ConfigMap", cm).Str("data." + e.Str("valueFrom.configMapKeyRef.key"))
                    ?? throw new InvalidOperationException($"{name}: ConfigMap {cm} lacks the key");
            }
            else if (e.At("valueFrom") is not null)
            {
                throw new NotSupportedException($"{name}: only Secret and ConfigMap references are resolved here");
            }
            else
            {
                // $(VAR) refers to variables defined earlier in the list (or envFrom); $$ escapes.
                var raw = e.Str("value") ?? "";
                env[name] = Reference().Replace(raw, m => m.Value == "$$" ? "$" : env.GetValueOrDefault(m.Groups["v"].Value, m.Value));
            }
        }
        return env;
    }

    private static IReadOnlyDictionary<string, string> Secret(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets, string name) =>
        secrets.TryGetValue(name, out var data) ? data
            : throw new InvalidOperationException($"Secret {name} is referenced but docs/deploy.md's test values do not create it");

    [GeneratedRegex(@"\$\$|\$\((?<v>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}

using System.Net;

namespace Deployment.Tests.Infrastructure;

/// <summary>
/// A pod or an address outside the cluster as a NetworkPolicy sees it. An outside endpoint without
/// an address matches any ipBlock; with one, only blocks that contain it and do not except it.
/// </summary>
public sealed record Endpoint(string Namespace, IReadOnlyDictionary<string, string> Labels, bool IsExternal = false, IPAddress? Address = null)
{
    public static Endpoint Outside { get; } = new("", new Dictionary<string, string>(), IsExternal: true);

    public static Endpoint At(string address) => Outside with { Address = IPAddress.Parse(address) };
}

/// <summary>
/// Answers "may A open a TCP connection to B on this port" from the rendered NetworkPolicies,
/// with Kubernetes' rules: a pod selected by no policy of a direction is open in that direction;
/// otherwise some rule of some selecting policy must admit the peer and the port, and both the
/// sender's egress and the receiver's ingress must allow it.
/// </summary>
public sealed class NetworkPolicyEvaluator(Rendered rendered, string policyNamespace)
{
    private readonly List<Dictionary<string, object?>> _policies = rendered.OfKind("NetworkPolicy").ToList();

    public bool Allows(Endpoint from, Endpoint to, int port) =>
        (from.IsExternal || Admits(from, to, port, "Egress", "egress", "to"))
        && (to.IsExternal || Admits(to, from, port, "Ingress", "ingress", "from"));

    private bool Admits(Endpoint subject, Endpoint peer, int port, string type, string rulesKey, string peersKey)
    {
        var selecting = _policies
            .Where(p => subject.Namespace == policyNamespace && Matches(p.Map("spec.podSelector"), subject.Labels))
            .Where(p => p.Strings("spec.policyTypes").Contains(type))
            .ToList();
        if (selecting.Count == 0)
        {
            return true;
        }
        return selecting.SelectMany(p => p.Maps($"spec.{rulesKey}")).Any(rule =>
            PortMatches(rule, port) && PeerMatches(rule, peersKey, peer));
    }

    private static bool PortMatches(Dictionary<string, object?> rule, int port)
    {
        var ports = rule.Maps("ports");
        return ports.Count == 0 || ports.Any(p => p.Str("port") == port.ToString() && p.Str("protocol") is null or "TCP");
    }

    private bool PeerMatches(Dictionary<string, object?> rule, string peersKey, Endpoint peer)
    {
        if (rule.At(peersKey) is null)
        {
            return true; // no peer list: any source or destination
        }
        return rule.Maps(peersKey).Any(p =>
        {
            if (p.At("ipBlock") is { } block)
            {
                return peer.IsExternal && (peer.Address is null || InBlock(block, peer.Address));
            }
            if (peer.IsExternal)
            {
                return false;
            }
            var nsSelector = p.At("namespaceSelector") as Dictionary<string, object?>;
            var nsOk = nsSelector is null
                ? peer.Namespace == policyNamespace
                : Matches(nsSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = peer.Namespace });
            var podSelector = p.At("podSelector") as Dictionary<string, object?>;
            return nsOk && (podSelector is null || Matches(podSelector, peer.Labels));
        });
    }

    private static bool InBlock(object block, IPAddress address) =>
        IPNetwork.Parse(block.Str("cidr")!).Contains(address)
        && !block.Strings("except").Any(e => IPNetwork.Parse(e).Contains(address));

    public static bool Matches(Dictionary<string, object?> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Map("matchLabels").All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value as string)
        && selector.Maps("matchExpressions").All(e =>
        {
            var has = labels.TryGetValue(e.Str("key")!, out var value);
            var values = e.Strings("values");
            return e.Str("operator") switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => throw new NotSupportedException(e.Str("operator")),
            };
        });
}

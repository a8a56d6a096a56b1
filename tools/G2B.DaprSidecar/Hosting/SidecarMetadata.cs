using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;

namespace G2B.DaprSidecar.Hosting;

/// <summary>What GET /v1.0/metadata and gRPC GetMetadata both report, taken from one place so the two cannot drift.</summary>
public static class SidecarMetadata
{
    public const string RuntimeVersion = "g2b-local-sidecar";

    public const string ChannelAddress = "127.0.0.1";

    /// <summary>The pubsub components this app may use (the only ones daprd would have loaded for it).</summary>
    public static IEnumerable<PubSubComponent> Components(SidecarOptions options, SidecarResources resources) =>
        resources.PubSubs.Where(c => c.IsScopedTo(options.AppId));

    /// <summary>The routing rules as daprd lists them: each rule, then the default route as a rule with an empty match.</summary>
    public static IEnumerable<RouteRule> Rules(Subscription subscription) =>
        subscription.Rules.Append(new RouteRule(string.Empty, subscription.DefaultPath ?? string.Empty));
}

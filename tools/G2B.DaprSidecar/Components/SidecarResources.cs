namespace G2B.DaprSidecar.Components;

/// <summary>What the resources folder declares for one app: its pub/sub components and inbound retry policies.</summary>
public sealed record SidecarResources(
    IReadOnlyList<PubSubComponent> PubSubs,
    IReadOnlyDictionary<string, RetryPolicy> InboundRetries)
{
    public static SidecarResources Empty { get; } = new([], new Dictionary<string, RetryPolicy>());

    public PubSubComponent? Find(string name) =>
        PubSubs.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public RetryPolicy? InboundRetryFor(string component) =>
        InboundRetries.TryGetValue(component, out var policy) ? policy : null;
}

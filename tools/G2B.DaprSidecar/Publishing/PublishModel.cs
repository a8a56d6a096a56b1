namespace G2B.DaprSidecar.Publishing;

public sealed record PublishRequest(
    string PubSubName,
    string Topic,
    ReadOnlyMemory<byte> Data,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string? TraceParent,
    string? TraceState);

/// <summary>Why a publish failed; each maps to daprd's HTTP error code and gRPC status.</summary>
public enum PublishError
{
    None,
    NotConfigured,
    NotFound,
    TopicEmpty,
    Forbidden,
    BadMetadata,
    BadCloudEvent,
    BadEvents,
    Failed,
}

public sealed record PublishResult(PublishError Error, string Message)
{
    public static PublishResult Ok { get; } = new(PublishError.None, string.Empty);

    public bool Succeeded => Error == PublishError.None;
}

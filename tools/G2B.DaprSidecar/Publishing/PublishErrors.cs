using Grpc.Core;

namespace G2B.DaprSidecar.Publishing;

/// <summary>The error body daprd writes on its HTTP API.</summary>
public sealed record ErrorBody(string ErrorCode, string Message);

/// <summary>daprd's mapping of publish failures onto HTTP status + error code and gRPC status.</summary>
public static class PublishErrors
{
    public static (int Status, string Code) ToHttp(PublishError error) => error switch
    {
        PublishError.NotConfigured => (StatusCodes.Status400BadRequest, "ERR_PUBSUB_NOT_CONFIGURED"),
        PublishError.NotFound => (StatusCodes.Status404NotFound, "ERR_PUBSUB_NOT_FOUND"),
        PublishError.TopicEmpty => (StatusCodes.Status404NotFound, "ERR_TOPIC_EMPTY"),
        PublishError.Forbidden => (StatusCodes.Status403Forbidden, "ERR_PUBSUB_FORBIDDEN"),
        PublishError.BadMetadata => (StatusCodes.Status400BadRequest, "ERR_PUBSUB_REQUEST_METADATA"),
        PublishError.BadCloudEvent => (StatusCodes.Status400BadRequest, "ERR_PUBSUB_CLOUD_EVENTS_SER"),
        PublishError.BadEvents => (StatusCodes.Status400BadRequest, "ERR_PUBSUB_EVENTS_SER"),
        _ => (StatusCodes.Status500InternalServerError, "ERR_PUBSUB_PUBLISH_MESSAGE"),
    };

    public static StatusCode ToGrpc(PublishError error) => error switch
    {
        PublishError.NotConfigured => StatusCode.FailedPrecondition,
        PublishError.NotFound or PublishError.TopicEmpty or PublishError.BadMetadata or PublishError.BadCloudEvent or PublishError.BadEvents => StatusCode.InvalidArgument,
        PublishError.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}

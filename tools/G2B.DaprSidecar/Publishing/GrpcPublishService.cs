using G2B.DaprSidecar.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace G2B.DaprSidecar.Publishing;

/// <summary>The server half of dapr.proto.runtime.v1.Dapr/PublishEvent, the rpc DaprClient.PublishEventAsync calls.</summary>
public sealed class GrpcPublishService(Publisher publisher) : Dapr.DaprBase
{
    public override async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        var result = await publisher.PublishAsync(
            new PublishRequest(
                request.PubsubName,
                request.Topic,
                request.Data.Memory,
                request.DataContentType,
                new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
                headers.GetValue("traceparent"),
                headers.GetValue("tracestate")),
            context.CancellationToken);
        if (!result.Succeeded)
        {
            throw new RpcException(new Status(PublishErrors.ToGrpc(result.Error), result.Message));
        }

        return new Empty();
    }
}

using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;
using G2B.DaprSidecar.Grpc;
using G2B.DaprSidecar.Publishing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace G2B.DaprSidecar.Hosting;

/// <summary>
/// The server half of dapr.proto.runtime.v1.Dapr for the rpcs the sidecar serves: PublishEvent (DaprClient's publish),
/// BulkPublishEvent(Alpha1), and GetMetadata, which the JavaScript SDK calls at start to see that the sidecar is up.
/// </summary>
public sealed class DaprGrpcService(
    Publisher publisher, BulkPublisher bulk, SidecarOptions options, SidecarResources resources, SubscriptionManager subscriptions)
    : Dapr.DaprBase
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

    public override Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishEvent(request, context);

    /// <summary>
    /// As daprd: a failed entry fails the call with Internal (daprd returns no failed-entries list over gRPC then);
    /// an answer without error has an empty failedEntries.
    /// </summary>
    public override async Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context)
    {
        var entries = request.Entries.Select(e => new BulkEntry(
            e.EntryId,
            e.Event.Memory,
            e.ContentType,
            // An empty proto map is Go's nil map: daprd then gives the entry no metadata of its own.
            e.Metadata.Count == 0 ? null : new Dictionary<string, string>(e.Metadata, StringComparer.Ordinal))).ToList();
        var result = await bulk.PublishAsync(
            request.PubsubName, request.Topic, entries, new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
            context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"), context.CancellationToken);
        if (!result.AllPublished)
        {
            throw new RpcException(new Status(PublishErrors.ToGrpc(result.Result.Error), result.Result.Message));
        }

        return new BulkPublishResponse();
    }

    public override Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var response = new GetMetadataResponse
        {
            Id = options.AppId,
            RuntimeVersion = SidecarMetadata.RuntimeVersion,
            AppConnectionProperties = new AppConnectionProperties
            {
                Port = options.AppPort ?? 0,
                Protocol = options.AppProtocol,
                ChannelAddress = SidecarMetadata.ChannelAddress,
                MaxConcurrency = options.MaxConcurrency,
            },
        };
        response.RegisteredComponents.AddRange(SidecarMetadata.Components(options, resources)
            .Select(c => new RegisteredComponents { Name = c.Name, Type = c.Type, Version = "v1" }));
        response.Subscriptions.AddRange(subscriptions.Current.Select(ToProto));
        return Task.FromResult(response);
    }

    private static PubsubSubscription ToProto(Subscription s)
    {
        var proto = new PubsubSubscription
        {
            PubsubName = s.PubSubName,
            Topic = s.Topic,
            DeadLetterTopic = s.DeadLetterTopic ?? string.Empty,
            Type = PubsubSubscriptionType.Programmatic,
            Rules = new PubsubSubscriptionRules(),
        };
        proto.Metadata.Add(s.Metadata.ToDictionary());
        proto.Rules.Rules.AddRange(SidecarMetadata.Rules(s).Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
        return proto;
    }
}

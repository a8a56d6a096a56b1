using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;
using G2B.DaprSidecar.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2B.DaprSidecar.Hosting;

/// <summary>daprd's health and metadata endpoints.</summary>
public static class RuntimeApi
{
    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
        // Ready = components reachable and (when there is an app) its subscriptions read, as daprd's healthz; and
        // no delivery loop down, so an orchestrator or the runner sees a sidecar that has stopped delivering.
        app.MapGet("/v1.0/healthz", async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> (
            SidecarResources resources, RedisBroker broker, SubscriptionManager subscriptions, LoopSupervisor loops) =>
        {
            if (!loops.Healthy)
            {
                var down = string.Join("; ", loops.Down.Select(d => $"{d.Key}: {d.Value}"));
                return TypedResults.Json(new ErrorBody("ERR_HEALTH_NOT_READY", $"dapr is not ready: loop down ({down})"), statusCode: 500);
            }

            return subscriptions.Loaded && await broker.IsConnectedAsync(resources.PubSubs)
                ? TypedResults.NoContent()
                : TypedResults.Json(new ErrorBody("ERR_HEALTH_NOT_READY", "dapr is not ready"), statusCode: 500);
        });

        app.MapGet("/v1.0/healthz/outbound", async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> (
            SidecarResources resources, RedisBroker broker) =>
            await broker.IsConnectedAsync(resources.PubSubs)
                ? TypedResults.NoContent()
                : TypedResults.Json(new ErrorBody("ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready"), statusCode: 500));

        app.MapGet("/v1.0/metadata", (SidecarOptions options, SidecarResources resources, SubscriptionManager subscriptions) =>
            TypedResults.Ok(new
            {
                id = options.AppId,
                runtimeVersion = SidecarMetadata.RuntimeVersion,
                enabledFeatures = Array.Empty<string>(),
                components = SidecarMetadata.Components(options, resources)
                    .Select(c => new { name = c.Name, type = c.Type, version = "v1", capabilities = Array.Empty<string>() }),
                subscriptions = subscriptions.Current.Select(s => new
                {
                    pubsubname = s.PubSubName,
                    topic = s.Topic,
                    deadLetterTopic = s.DeadLetterTopic ?? string.Empty,
                    metadata = s.Metadata,
                    rules = SidecarMetadata.Rules(s).Select(r => new { match = r.Match, path = r.Path }),
                    type = "PROGRAMMATIC",
                }),
                appConnectionProperties = new
                {
                    port = options.AppPort ?? 0,
                    protocol = options.AppProtocol,
                    channelAddress = SidecarMetadata.ChannelAddress,
                    maxConcurrency = options.MaxConcurrency,
                },
                extended = new Dictionary<string, string>(),
            }));
        return app;
    }
}

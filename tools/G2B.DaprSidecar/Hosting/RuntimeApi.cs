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
                return TypedResults.Json(new ErrorBody("ERR_HEALTH_NOT_READY", $"dapr is not ready: loop down ({down})"), SidecarHttpJson.Default.ErrorBody, statusCode: 500);
            }

            return subscriptions.Loaded && await broker.IsConnectedAsync(resources.PubSubs)
                ? TypedResults.NoContent()
                : TypedResults.Json(new ErrorBody("ERR_HEALTH_NOT_READY", "dapr is not ready"), SidecarHttpJson.Default.ErrorBody, statusCode: 500);
        });

        app.MapGet("/v1.0/healthz/outbound", async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> (
            SidecarResources resources, RedisBroker broker) =>
            await broker.IsConnectedAsync(resources.PubSubs)
                ? TypedResults.NoContent()
                : TypedResults.Json(new ErrorBody("ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready"), SidecarHttpJson.Default.ErrorBody, statusCode: 500));

        app.MapGet("/v1.0/metadata", (SidecarOptions options, SidecarResources resources, SubscriptionManager subscriptions) =>
            TypedResults.Json(
                new MetadataBody(
                    options.AppId,
                    SidecarMetadata.RuntimeVersion,
                    [],
                    [.. SidecarMetadata.Components(options, resources).Select(c => new MetadataComponent(c.Name, c.Type, "v1", []))],
                    [.. subscriptions.Current.Select(s => new MetadataSubscription(
                        s.PubSubName,
                        s.Topic,
                        s.DeadLetterTopic ?? string.Empty,
                        s.Metadata,
                        [.. SidecarMetadata.Rules(s).Select(r => new MetadataRule(r.Match, r.Path))],
                        "PROGRAMMATIC"))],
                    new MetadataAppConnection(options.AppPort ?? 0, options.AppProtocol, SidecarMetadata.ChannelAddress, options.MaxConcurrency),
                    new Dictionary<string, string>()),
                SidecarHttpJson.Default.MetadataBody));
        return app;
    }
}

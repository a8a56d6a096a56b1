using G2B.IntegrationEvents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace G2B.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>Authorization policy of the endpoints the sidecar calls, when <c>APP_API_TOKEN</c> is set.</summary>
    public const string DaprPolicy = "dapr-sidecar";

    /// <summary>Health check name; tagged <c>ready</c> and <c>dapr</c>.</summary>
    public const string HealthCheckName = "dapr-sidecar";

    /// <summary>
    /// Dapr client, the outbox dispatcher of <typeparamref name="TContext"/>, the inbox plumbing,
    /// metrics, the sidecar health check and (with <c>APP_API_TOKEN</c>) authentication of the sidecar.
    /// </summary>
    public static WebApplicationBuilder AddEventing<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        var services = builder.Services;
        services.AddOptions<EventingOptions>()
            .Bind(builder.Configuration.GetSection(EventingOptions.SectionName))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConsumerName))
                {
                    var appId = builder.Configuration["APP_ID"];
                    o.ConsumerName = string.IsNullOrWhiteSpace(appId) ? builder.Environment.ApplicationName : appId;
                }
            });

        // The SDK reads DAPR_GRPC_ENDPOINT/PORT, DAPR_HTTP_ENDPOINT/PORT and DAPR_API_TOKEN from configuration, then the environment.
        services.AddDaprClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventingMetrics>();
        services.TryAddSingleton<IOutboxPublisher, DaprOutboxPublisher>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(EventingMetrics.MeterName));

        // The inbox routes of every registered handler run in this DbContext (MapEventing maps them).
        services.TryAddSingleton<IInboxRouteMapper, InboxRouteMapper<TContext>>();
        // The inbox row of the delivery in progress, for handlers that write it themselves (IInboxClaimingHandler).
        services.TryAddScoped<InboxClaim>();

        services.TryAddSingleton<OutboxSignal<TContext>>();
        services.TryAddSingleton<OutboxSignalInterceptor<TContext>>();
        services.ConfigureDbContext<TContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor<TContext>>()));
        if (typeof(ServiceDbContext).IsAssignableFrom(typeof(TContext)))
        {
            // A pooled context cannot add its conventions itself (ServiceDbContext.OnConfiguring): they go in here.
            services.ConfigureDbContext<TContext>(ServiceDbContext.UseServiceConventions);
        }
        services.AddHostedService<OutboxDispatcher<TContext>>();

        if (!services.Any(s => s.ServiceType == typeof(DaprSidecarHealthCheck)))
        {
            services.AddSingleton<DaprSidecarHealthCheck>();
            // Degraded, not Unhealthy: the outbox holds events while the sidecar is away, and
            // restarting this service would not bring the sidecar back.
            services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>(
                HealthCheckName, HealthStatus.Degraded, ["ready", "dapr"], TimeSpan.FromSeconds(5));
        }

        var appApiToken = builder.Configuration["APP_API_TOKEN"];
        if (!string.IsNullOrWhiteSpace(appApiToken))
        {
            // An extra scheme, not the default one: public endpoints keep authenticating with JWTs.
            services.AddAuthentication().AddDapr(o => o.Token = appApiToken);
            services.AddAuthorization(o => o.AddDapr(DaprPolicy));
        }

        return builder;
    }

    /// <summary>
    /// Registers the handler of <typeparamref name="TEvent"/> (scoped, like the DbContext it writes to)
    /// and records its subscription: <see cref="EventingEndpointExtensions.MapEventing"/> maps
    /// <c>POST /events/{topic}</c> for it, with the Dapr topic metadata, and its dead-letter route.
    /// This one call is all a service does to consume an event.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent, ITopicEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        if (services.Any(s => s.ServiceType == typeof(IIntegrationEventHandler<TEvent>)))
        {
            throw new InvalidOperationException($"{typeof(TEvent).Name} already has a handler: one handler per event type.");
        }

        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        services.AddSingleton(new IntegrationEventSubscription(
            TEvent.Topic, typeof(TEvent), static (mapper, endpoints) => mapper.Map<TEvent>(endpoints)));
        return services;
    }
}

/// <summary>
/// A topic this service consumes, recorded by <see cref="EventingServiceCollectionExtensions.AddIntegrationEventHandler{TEvent, THandler}"/>;
/// <see cref="EventingEndpointExtensions.MapEventing"/> maps its inbox route and its dead-letter route.
/// </summary>
public sealed record IntegrationEventSubscription(
    string Topic, Type EventType, Func<IInboxRouteMapper, IEndpointRouteBuilder, RouteHandlerBuilder> Map);

/// <summary>Maps an event's inbox route in the service's DbContext (the one given to <c>AddEventing</c>).</summary>
public interface IInboxRouteMapper
{
    RouteHandlerBuilder Map<TEvent>(IEndpointRouteBuilder endpoints)
        where TEvent : IntegrationEvent, ITopicEvent;
}

internal sealed class InboxRouteMapper<TContext> : IInboxRouteMapper
    where TContext : DbContext
{
    public RouteHandlerBuilder Map<TEvent>(IEndpointRouteBuilder endpoints)
        where TEvent : IntegrationEvent, ITopicEvent =>
        endpoints.MapIntegrationEvent<TEvent, TContext>();
}

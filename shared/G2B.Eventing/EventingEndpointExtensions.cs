using Dapr;
using G2B.IntegrationEvents;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2B.Eventing;

/// <summary>
/// The subscriber side. Dead letters: every consuming service has its own dead-letter topic per
/// topic it consumes, named <c>{consumer}.{topic}.dead-letter</c> (see <see cref="DeadLetterTopic"/>).
/// A subscription declares it as its <c>deadLetterTopic</c>, so what the sidecar gives up on
/// (retries exhausted, <c>DROP</c>, no matching route) lands there; the same service subscribes to it
/// at <c>POST /events/dead-letter/{topic}</c>, logs each dead letter at Error and counts it in
/// <c>g2b.eventing.dead_letters</c>. Per consumer, because one service's failure to handle an
/// event says nothing about another's; per topic, so the log names the topic that failed.
/// </summary>
public static class EventingEndpointExtensions
{
    public static string DeadLetterTopic(string consumer, string topic) => $"{consumer}.{topic}.dead-letter";

    /// <summary>
    /// CloudEvent unwrapping, <c>GET /dapr/subscribe</c>, and for every handler registered with
    /// <c>AddIntegrationEventHandler</c> its inbox route <c>POST /events/{topic}</c> and its
    /// dead-letter subscription. The one call a service makes to be subscribed.
    /// </summary>
    public static WebApplication MapEventing(this WebApplication app)
    {
        app.UseCloudEvents();
        ForSidecar(app.MapSubscribeHandler(), app.Services);

        var options = app.Services.GetRequiredService<IOptions<EventingOptions>>().Value;
        var subscriptions = app.Services.GetServices<IntegrationEventSubscription>().ToList();
        if (subscriptions.Count > 0)
        {
            var mapper = app.Services.GetService<IInboxRouteMapper>()
                ?? throw new InvalidOperationException("Event handlers are registered but AddEventing<TContext>() was not called.");
            foreach (var subscription in subscriptions)
            {
                subscription.Map(mapper, app);
            }
        }

        foreach (var topic in subscriptions.Select(s => s.Topic).Distinct())
        {
            var route = app.MapPost($"/events/dead-letter/{topic}", (HttpContext http, EventingMetrics metrics, ILoggerFactory loggers, CancellationToken ct) =>
                    DeadLetterEndpoint.HandleAsync(topic, http, metrics, loggers.CreateLogger("G2B.Eventing.DeadLetters"), ct))
                .WithTopic(options.PubSubName, DeadLetterTopic(options.ConsumerName, topic))
                .ExcludeFromDescription();
            ForSidecar(route, app.Services);
        }

        return app;
    }

    // Subscribes to TEvent's topic at POST /events/{topic} and runs its handler through the inbox of TContext.
    internal static RouteHandlerBuilder MapIntegrationEvent<TEvent, TContext>(this IEndpointRouteBuilder endpoints)
        where TEvent : IntegrationEvent, ITopicEvent
        where TContext : DbContext
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<EventingOptions>>().Value;
        var route = endpoints.MapPost($"/events/{TEvent.Topic}", InboxEndpoint<TEvent, TContext>.HandleAsync)
            .WithTopic(new TopicOptions
            {
                PubsubName = options.PubSubName,
                Name = TEvent.Topic,
                DeadLetterTopic = DeadLetterTopic(options.ConsumerName, TEvent.Topic),
            })
            .ExcludeFromDescription();
        return ForSidecar(route, services);
    }

    // Only the sidecar calls these routes: with APP_API_TOKEN it must present it; without, they are
    // open (the app port is not exposed beyond the pod / loopback) and must not demand a JWT.
    // A delivery that succeeds is logged at Debug: the handler logs what it did, and failures still show.
    private static TBuilder ForSidecar<TBuilder>(TBuilder route, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        route.WithRoutineRequestLog();
        var token = services.GetRequiredService<IConfiguration>()["APP_API_TOKEN"];
        return string.IsNullOrWhiteSpace(token)
            ? route.AllowAnonymous()
            : route.RequireAuthorization(EventingServiceCollectionExtensions.DaprPolicy);
    }
}

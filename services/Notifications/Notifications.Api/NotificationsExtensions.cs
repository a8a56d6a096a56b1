using Microsoft.Extensions.DependencyInjection.Extensions;
using Notifications.Api.Email;
using Notifications.Api.Feed;
using Notifications.Api.IntegrationEvents;
using Notifications.Api.Streaming;
using Notifications.Api.Webhooks;

namespace Notifications.Api;

public static class NotificationsExtensions
{
    /// <summary>Database, inbox, the feed and its change signal, the stream, webhooks, email and their senders.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddServiceDatabase<NotificationsDbContext>();
        builder.AddEventing<NotificationsDbContext>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<FeedSignal>();
        services.AddHostedService<FeedListener>();
        services.AddScoped<FeedWriter>();
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName);
        services.AddScoped<FeedPruner>();
        if (builder.Configuration.GetValue($"{FeedOptions.SectionName}:{nameof(FeedOptions.PruneEnabled)}", true))
        {
            services.AddHostedService<FeedPruneJob>();
        }

        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.SectionName);
        services.AddNotificationHandlers();
        builder.AddWebhooks();
        builder.AddEmail();
        return builder;
    }
}

namespace Notifications.Api.Webhooks;

public static class WebhooksExtensions
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        services.AddSingleton<IWebhookDnsResolver, SystemDnsResolver>();
        services.AddSingleton<SsrfGuard>();
        services.AddScoped<WebhookFanOut>();
        services.AddScoped<WebhookAttemptRunner>();
        services.AddHttpClient(WebhookOptions.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Every new connection resolves and checks the address; redirects are answers, not hops.
                ConnectCallback = sp.GetRequiredService<SsrfGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            });

        if (builder.Configuration.GetValue($"{WebhookOptions.SectionName}:{nameof(WebhookOptions.SenderEnabled)}", true))
        {
            services.AddHostedService<WebhookSender>();
        }

        return builder;
    }
}

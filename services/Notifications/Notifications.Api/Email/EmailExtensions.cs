namespace Notifications.Api.Email;

public static class EmailExtensions
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<EmailQueue>();
        services.AddScoped<EmailFanOut>();
        services.AddScoped<EmailFacts>();
        services.AddScoped<ExpiryReminders>();

        if (builder.Configuration.GetValue($"{EmailOptions.SectionName}:{nameof(EmailOptions.SenderEnabled)}", true))
        {
            services.AddSingleton<EmailSender>();
            services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
            services.AddHostedService<ExpiryReminderJob>();
        }

        return builder;
    }
}

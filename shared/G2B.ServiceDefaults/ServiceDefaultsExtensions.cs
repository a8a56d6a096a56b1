using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using Serilog;

namespace G2B.ServiceDefaults;

/// <summary>What differs between hosts; the gateway turns OpenAPI off so it exposes only its routes.</summary>
public sealed class ServiceDefaultsOptions
{
    public bool OpenApi { get; set; } = true;

    /// <summary>
    /// Errors and bare status codes answered as problem details (APIs). The portal turns this off: people get
    /// its own error pages, placed before authentication so sign-in failures and 403s get them too.
    /// </summary>
    public bool ProblemResponses { get; set; } = true;
}

public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(
        this WebApplicationBuilder builder, Action<ServiceDefaultsOptions>? configure = null)
    {
        var options = new ServiceDefaultsOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);

        builder.AddG2BLogging();
        builder.Services.AddG2BProblemDetails();
        builder.AddG2BTelemetry();
        builder.Services.AddG2BAuthentication();
        builder.Services.AddHealthChecks();
        if (options.OpenApi)
        {
            builder.Services.AddOpenApi();
        }

        return builder;
    }

    /// <summary>Middleware in the order that lets every response, error or not, carry a correlation id and problem body.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServiceDefaultsOptions>();

        app.UseMiddleware<CorrelationIdMiddleware>();
        // This host's logger, not the static one: several hosts may share a (test) process.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetService<Serilog.ILogger>();
            o.GetLevel = RequestLogLevels.Of;
        });
        if (options.ProblemResponses)
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }

        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthEndpoint();
        if (options.OpenApi)
        {
            app.MapOpenApi();
            if (app.Environment.IsDevelopment())
            {
                app.MapScalarApiReference();
            }
        }

        return app;
    }
}

using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway;

public static class GatewayExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);

        // Kestrel's own limit backs up the Content-Length check for chunked bodies.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);

        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddGatewayForwardedHeaders();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGatewayRateLimiting();
        builder.AddDownstreamHealthChecks();
        return builder;
    }

    /// <summary>Before anything else: the real client and scheme, and headers every answer gets.</summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>
    /// After the service defaults, so every early answer below (400, 401, 413, 429) already has its
    /// correlation id, request log line and problem body.
    /// </summary>
    public static WebApplication UseGatewayPolicies(this WebApplication app)
    {
        app.UseMiddleware<HeaderGuardMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseMiddleware<VerifiedBankMiddleware>();
        // Switched off (tools/benchmark.sh), the limiter would hand every request a no-op lease from the partitioned
        // limiter's locked table; without the middleware nothing is limited either.
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<CharsetGuardMiddleware>();
        app.UseMiddleware<ApiTokenGuardMiddleware>();
        return app;
    }

    /// <summary>Downstream status for people and dashboards; never a probe (see docs/deploy.md).</summary>
    public static WebApplication MapGatewayHealth(this WebApplication app)
    {
        app.MapHealthDetail(DownstreamHealthChecks.DetailPath, DownstreamHealthChecks.Tag);
        return app;
    }
}

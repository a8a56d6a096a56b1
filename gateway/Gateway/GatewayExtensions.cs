using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        builder.Services.AddGatewayRateLimiting();
        builder.AddDownstreamHealthChecks();
        return builder;
    }

    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }

    public static WebApplication UseGatewayPolicies(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<CharsetGuardMiddleware>();
        app.UseMiddleware<ApiTokenGuardMiddleware>();
        return app;
    }
}

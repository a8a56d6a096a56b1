using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace G2B.ServiceDefaults.Tests;

/// <summary>A minimal service built on the defaults, hosted in memory.</summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null,
        Action<IEndpointRouteBuilder>? map = null,
        string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(TestApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseTestServer();
        // Quiet by default; a test may lower the level through its own settings (added later, so they win).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapServiceDefaults();
        map?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(this WebApplication app) => app.GetTestClient();
}

extern alias gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Notifications.Tests.Support;

/// <summary>The notifications service on a real port, reached only through the real gateway (YARP, its routes and policies).</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public NotificationsApp App { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    public WebApplicationFactory<gateway::Program> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await NotificationsApp.StartAsync(kestrel: true);
        Scenario = new Scenario(App);
        var issuer = await TestAuth.IssuerAsync();
        var settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["ReverseProxy:Clusters:notifications:Destinations:primary:Address"] = App.Address,
        };
        Gateway = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
        _ = Gateway.Server;
    }

    public async Task<HttpClient> ClientAsAsync(string subject, params string[] roles)
    {
        var issuer = await TestAuth.IssuerAsync();
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.CreateToken(subject, roles));
        return client;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await App.DisposeAsync();
    }
}

using G2B.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Tests;

/// <summary>The gateway in a test server, with a WireMock server standing in for each downstream service.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public static readonly string[] Clusters = ["company-registry", "licence-applications", "fee-payments", "notifications", "portal"];

    private GatewayHost(DevIssuer issuer, Dictionary<string, WireMockServer> downstreams, WebApplicationFactory<Program> factory)
    {
        Issuer = issuer;
        Downstreams = downstreams;
        Factory = factory;
    }

    public DevIssuer Issuer { get; }

    public IReadOnlyDictionary<string, WireMockServer> Downstreams { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null,
        bool kestrel = false)
    {
        var issuer = await TestAuth.IssuerAsync();
        var downstreams = Clusters.ToDictionary(c => c, StartDownstream);

        var all = new Dictionary<string, string?>(issuer.Settings)
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The test machine is shared and busy; a slow answer must not read as "down".
            ["Gateway:DownstreamHealthTimeoutSeconds"] = "30",
        };
        foreach (var (cluster, server) in downstreams)
        {
            all[$"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address"] = server.Url;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(all));
            configure?.Invoke(builder);
        });
        var host = new GatewayHost(issuer, downstreams, factory);
        try
        {
            if (kestrel)
            {
                // A real socket, for tests that must send bytes no HttpClient would.
                // An explicit loopback listener: UseKestrel(0) leaves Kestrel on its default localhost:5000.
                factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
                factory.StartServer();
            }
            else
            {
                _ = factory.Server; // start now, so start-up failures surface in the fixture
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Where the Kestrel-hosted gateway listens (only with <c>kestrel: true</c>).</summary>
    public Uri KestrelAddress => new(Factory.Services.GetRequiredService<IServer>()
        .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The policy the portal's stand-in sends with its pages (the real portal's is in services/Portal).</summary>
    public const string PortalPolicy = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Every downstream answers with its own name so a test can see where a request went; each also sends a
    /// Content-Security-Policy, which the gateway keeps only on the portal's answers.
    /// </summary>
    private static WireMockServer StartDownstream(string name)
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("Content-Security-Policy", name == "portal" ? PortalPolicy : "default-src *")
                .WithBody($$"""{"service":"{{name}}"}"""));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        foreach (var server in Downstreams.Values)
        {
            server.Stop();
            server.Dispose();
        }
    }
}

public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

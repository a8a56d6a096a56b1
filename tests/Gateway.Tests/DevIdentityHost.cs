using System.Net.Http.Headers;
using G2B.DevIdentity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using G2B.ServiceDefaults;

namespace Gateway.Tests;

/// <summary>
/// A local run in miniature: the development identity provider (its real Program, on Kestrel) and the gateway
/// forwarding <c>/dev/*</c> to it, as tye.yaml wires them, the gateway validating tokens against the provider's
/// discovery document fetched through itself.
/// </summary>
public sealed class DevIdentityHost : IAsyncDisposable
{
    public const string Issuer = "http://localhost/dev";
    public const string ClientId = "portal";
    public const string ClientSecret = "portal-test-secret";
    public const string RedirectUri = "https://portal.test/signin-oidc";
    public const string PostLogoutRedirectUri = "https://portal.test/signout-callback-oidc";

    private DevIdentityHost(WebApplicationFactory<DevIdentityOptions> provider, GatewayHost gateway)
    {
        Provider = provider;
        Gateway = gateway;
    }

    public WebApplicationFactory<DevIdentityOptions> Provider { get; }

    public GatewayHost Gateway { get; }

    public HttpClient CreateClient() => Gateway.CreateClient();

    public async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await CreateClient().SendAsync(request);
    }

    /// <summary>How the gateway's authentication sees a token: subject and roles.</summary>
    public async Task<JsonElement> WhoAmIAsync(string token)
    {
        using var response = await GetAsync("/__whoami", token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<DevIdentityHost> StartAsync(string? keyDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var provider = StartProvider("Development", keyDirectory, settings);
        try
        {
            var backchannel = new LateBoundHandler();
            var gateway = await GatewayHost.StartAsync(
                new Dictionary<string, string?>
                {
                    ["Auth:Authority"] = Issuer,
                    // What tye.yaml gives the gateway of a local run.
                    ["ReverseProxy:Routes:dev-identity:ClusterId"] = "dev-identity",
                    ["ReverseProxy:Routes:dev-identity:Match:Path"] = "/dev/{**rest}",
                    ["ReverseProxy:Clusters:dev-identity:Destinations:primary:Address"] = AddressOf(provider),
                },
                web => web.ConfigureTestServices(services =>
                {
                    // Discovery and JWKS are fetched from the gateway itself, through the test server, then the provider.
                    services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = backchannel);
                    services.AddSingleton<IStartupFilter, WhoAmIStartupFilter>();
                }));
            backchannel.Bind(gateway.Factory.Server.CreateHandler());
            return new DevIdentityHost(provider, gateway);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>The provider alone, in a chosen environment, with the settings a test gives it.</summary>
    public static WebApplicationFactory<DevIdentityOptions> StartProvider(
        string environment, string? keyDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["DevIdentity:Issuer"] = Issuer,
            ["DevIdentity:KeyDirectory"] = keyDirectory ?? string.Empty,
            [$"DevIdentity:Clients:{ClientId}:Secret"] = ClientSecret,
            [$"DevIdentity:Clients:{ClientId}:DisplayName"] = "Test portal",
            // Added to the Development list, as a portal's own tests would add theirs.
            [$"DevIdentity:Clients:{ClientId}:RedirectUris:1"] = RedirectUri,
            [$"DevIdentity:Clients:{ClientId}:PostLogoutRedirectUris:1"] = PostLogoutRedirectUri,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<DevIdentityOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(all));
        });
        try
        {
            // An explicit loopback listener on a port the OS picks (UseKestrel(0) would leave Kestrel on localhost:5000).
            factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }

        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }

    private static string AddressOf(WebApplicationFactory<DevIdentityOptions> factory) =>
        factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    private sealed class LateBoundHandler : DelegatingHandler
    {
        public void Bind(HttpMessageHandler inner) => InnerHandler = inner;
    }

    /// <summary>Shows how the gateway's authentication (the services' own, from the service defaults) sees a token.</summary>
    private sealed class WhoAmIStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/__whoami", whoami => whoami.Run(async context =>
            {
                var result = await context.AuthenticateAsync();
                if (!result.Succeeded)
                {
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync(result.Failure?.Message ?? "no token");
                    return;
                }

                var user = result.Principal!;
                await context.Response.WriteAsJsonAsync(new
                {
                    subject = user.GetSubject(),
                    business = user.IsBusiness(),
                    regulator = user.IsRegulator(),
                });
            }));
            next(app);
        };
    }
}

/// <summary>A test class whose every test gets a development identity provider, behind a gateway, of its own.</summary>
public abstract class DevIdentityHostTests : IAsyncLifetime
{
    protected DevIdentityHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await DevIdentityHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

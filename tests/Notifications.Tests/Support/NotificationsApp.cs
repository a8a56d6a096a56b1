using System.Net;
using G2B.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Notifications.Api.Webhooks;

namespace Notifications.Tests.Support;

/// <summary>
/// The notifications service on a fresh PostgreSQL database with the dev issuer's tokens. Webhook
/// receivers are WireMock servers on loopback, so loopback and http are allowed unless a test says
/// otherwise; retries are quick so a test sees several attempts.
/// </summary>
public sealed class NotificationsApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public FakeDns Dns { get; } = new();

    /// <param name="kestrel">Listen on a real loopback port (for the gateway to proxy to) instead of a test server.</param>
    public static async Task<NotificationsApp> StartAsync(IReadOnlyDictionary<string, string?>? extra = null, bool kestrel = false)
    {
        var issuer = await TestAuth.IssuerAsync();
        var settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["ConnectionStrings:Database"] = await TestPostgres.CreateDatabaseAsync("notifications"),
            ["Eventing:Outbox:DispatchEnabled"] = "false",
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:RetryBaseDelay"] = "00:00:00.100",
            ["Webhooks:RetryMaxDelay"] = "00:00:00.200",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Stream:HeartbeatInterval"] = "00:00:01",
            ["Stream:PollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new NotificationsApp(settings);
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        else
        {
            _ = app.Server; // starts the host and applies the migrations
        }

        return app;
    }

    /// <summary>Where the Kestrel-hosted app listens.</summary>
    public string Address => Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();

    public async Task<HttpClient> ClientAsAsync(string subject, params string[] roles)
    {
        var issuer = await TestAuth.IssuerAsync();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.CreateToken(subject, roles));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IWebhookDnsResolver>();
            services.AddSingleton<IWebhookDnsResolver>(Dns);
        });
    }
}

/// <summary>Real DNS, except for names a test pins (and may change later, as an attacker's DNS would).</summary>
public sealed class FakeDns : IWebhookDnsResolver
{
    private readonly Dictionary<string, IPAddress[]> _pinned = new(StringComparer.OrdinalIgnoreCase);

    public void Pin(string host, params string[] addresses)
    {
        lock (_pinned)
        {
            _pinned[host] = addresses.Select(IPAddress.Parse).ToArray();
        }
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        lock (_pinned)
        {
            if (_pinned.TryGetValue(host, out var addresses))
            {
                return Task.FromResult(addresses);
            }
        }

        return System.Net.Dns.GetHostAddressesAsync(host, ct);
    }
}

/// <summary>One app and database per test class.</summary>
public class AppFixture : IAsyncLifetime
{
    public NotificationsApp App { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        App = await NotificationsApp.StartAsync(Settings);
        Scenario = new Scenario(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

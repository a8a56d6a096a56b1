using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Notifications.Api.Webhooks;

namespace Notifications.Tests.Support;

/// <summary>
/// The notifications service on a fresh PostgreSQL database with the dev issuer's tokens. Webhook
/// receivers are WireMock servers on loopback, so loopback and http are allowed unless a test says
/// otherwise; retries are quick so a test sees several attempts.
/// </summary>
/// <param name="extra">Settings of the test, over <see cref="QuickWebhooks"/>.</param>
/// <param name="route">Rewrites the database's connection string the app is given (through a <see cref="TcpRelay"/>).</param>
/// <param name="clock">The app's clock instead of the system's (a test's fake one).</param>
public sealed class NotificationsApp(
    IReadOnlyDictionary<string, string?>? extra = null, Func<string, string>? route = null, TimeProvider? clock = null)
    : ServiceApp<Program>("notifications")
{
    /// <summary>What every app under test here runs with, unless a test says otherwise (a separate process too).</summary>
    public static Dictionary<string, string?> QuickWebhooks() => new()
    {
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:Timeout"] = "00:00:05",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.100",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.200",
        ["Webhooks:PollInterval"] = "00:00:00.200",
        ["Stream:HeartbeatInterval"] = "00:00:01",
    };

    public FakeDns Dns { get; } = new();

    protected override string AppConnectionString => route?.Invoke(ConnectionString) ?? ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        QuickWebhooks().Concat(extra ?? new Dictionary<string, string?>());

    /// <param name="kestrel">Listen on a real loopback port (for the gateway to proxy to) instead of a test server.</param>
    public static async Task<NotificationsApp> StartAsync(
        IReadOnlyDictionary<string, string?>? extra = null, bool kestrel = false, Func<string, string>? route = null,
        TimeProvider? clock = null)
    {
        var app = new NotificationsApp(extra, route, clock);
        if (kestrel)
        {
            app.UseKestrel(0);
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>Where the Kestrel-hosted app listens.</summary>
    public string Address => Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<IWebhookDnsResolver>();
        services.AddSingleton<IWebhookDnsResolver>(Dns);
        if (clock is not null)
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        }

        // A pooled context's command logger remembers for EF's logging cache time (a second) that nobody listened, from
        // one lease to the next; FeedReads subscribes in the middle of a test, so every command must ask again.
        services.ConfigureDbContext<Notifications.Api.Data.NotificationsDbContext>(db => db.ConfigureLoggingCacheTime(TimeSpan.Zero));
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

/// <summary>The notifications app of one test class, and its <see cref="Support.Scenario"/>.</summary>
public class AppFixture : ServiceAppFixture<NotificationsApp>
{
    public AppFixture()
    {
    }

    protected AppFixture(params (string Key, string? Value)[] settings)
        : base(settings)
    {
    }

    public Scenario Scenario => field ??= new Scenario(App);

    protected override Task<NotificationsApp> StartAsync(IReadOnlyDictionary<string, string?> settings) => NotificationsApp.StartAsync(settings);
}

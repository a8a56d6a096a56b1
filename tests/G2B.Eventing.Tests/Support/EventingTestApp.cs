using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// A service in miniature on a TestServer: the real database plumbing of the suite
/// (AddServiceDatabase: migrations, retrying execution strategy), AddEventing, one subscription.
/// </summary>
public sealed class EventingTestApp : IAsyncDisposable
{
    public const string Consumer = "eventing-tests";

    private readonly WebApplication _app;

    private EventingTestApp(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public HandlerProbe Probe => _app.Services.GetRequiredService<HandlerProbe>();

    public static async Task<EventingTestApp> StartAsync(
        string connectionString,
        IOutboxPublisher? publisher,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null,
        int? kestrelPort = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        // A real socket only when a real sidecar has to call the app.
        if (kestrelPort is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = connectionString,
            ["Eventing:ConsumerName"] = Consumer,
            ["Eventing:Outbox:PollInterval"] = "00:00:00.200",
            ["Eventing:Outbox:RetryBaseDelay"] = "00:00:00.050",
            ["Eventing:Outbox:RetryMaxDelay"] = "00:00:00.300",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDatabase<EventingTestDbContext>();
        builder.AddEventing<EventingTestDbContext>();
        if (publisher is not null)
        {
            builder.Services.RemoveAll<IOutboxPublisher>();
            builder.Services.AddSingleton(publisher);
        }

        builder.Services.AddSingleton<HandlerProbe>();
        builder.Services.AddIntegrationEventHandler<NoteWrittenIntegrationEvent, NoteWrittenHandler>();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (map is null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapEventing();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        return new EventingTestApp(app);
    }

    public HttpClient CreateClient() => _app.GetTestClient();

    /// <summary>The app's own dispatcher; with <c>Eventing:Outbox:DispatchEnabled</c> false a test runs its rounds by hand.</summary>
    public OutboxDispatcher<EventingTestDbContext> Dispatcher =>
        _app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher<EventingTestDbContext>>().Single();

    /// <summary>
    /// A second dispatcher over the app's services (publisher, signal, clock, metrics), started and
    /// stopped by the test, so rows can be in place before its first round.
    /// </summary>
    public OutboxDispatcher<EventingTestDbContext> NewDispatcher(Action<OutboxOptions> outbox)
    {
        var options = new EventingOptions { ConsumerName = Consumer };
        outbox(options.Outbox);
        return ActivatorUtilities.CreateInstance<OutboxDispatcher<EventingTestDbContext>>(_app.Services, Options.Create(options));
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scoped DbContext of the app (interceptors included).</summary>
    public async Task<T> WithDbAsync<T>(Func<EventingTestDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EventingTestDbContext>());
    }

    public Task WithDbAsync(Func<EventingTestDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    /// <summary>Replaces the app's clock (before Build), for tests that move time by hand.</summary>
    public static Action<WebApplicationBuilder> WithClock(TimeProvider clock) => builder =>
    {
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton(clock);
    };

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

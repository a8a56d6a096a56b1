using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// One app (and database) for all the tests of a class, as a class fixture: starting an app per test
/// is most of a test's time, and mutation runs repeat every covering test once per mutant. The tests of
/// a class run one after another; each delivers events of its own and looks only at what they left.
/// The dispatcher is off.
/// </summary>
public abstract class SharedEventingApp : IAsyncLifetime
{
    public EventingTestApp App { get; private set; } = null!;

    /// <summary>What the app logs, for tests that check what an operator would read.</summary>
    public CapturedLogs Logs { get; } = new();

    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync() =>
        App = await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync(GetType().Name),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" },
            builder =>
            {
                builder.Logging.AddProvider(Logs);
                Configure(builder);
            });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

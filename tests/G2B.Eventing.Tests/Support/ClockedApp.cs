using Microsoft.Extensions.Time.Testing;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// An app whose clock the test moves by hand and whose own dispatcher is off: a test runs the
/// dispatcher's rounds itself, or starts a dispatcher of its own once its rows are in place.
/// </summary>
public sealed record ClockedApp(EventingTestApp App, RecordingPublisher Publisher, FakeTimeProvider Clock) : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public IEnumerable<Guid> PublishedIds => Publisher.Log.Select(p => p.Id);

    public static async Task<ClockedApp> StartAsync(
        string name, IDictionary<string, string?>? settings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var publisher = new RecordingPublisher();
        var clock = new FakeTimeProvider(T0);
        var all = new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await EventingTestApp.StartAsync(
            await G2B.Testing.TestPostgres.CreateDatabaseAsync(name), publisher, all, configure: builder =>
            {
                EventingTestApp.WithClock(clock)(builder);
                configure?.Invoke(builder);
            });
        return new ClockedApp(app, publisher, clock);
    }

    /// <summary>One round of the app's dispatcher; returns how many rows it claimed.</summary>
    public Task<int> RoundAsync() => App.Dispatcher.DispatchOnceAsync(CancellationToken.None).WaitAsync(Guard);

    public async Task<OutboxMessage> RowAsync(Guid id) => (await App.OutboxAsync()).Single(m => m.Id == id);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

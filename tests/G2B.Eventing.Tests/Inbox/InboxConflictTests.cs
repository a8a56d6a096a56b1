using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace G2B.Eventing.Tests.Inbox;

/// <summary>The shared app of <see cref="InboxConflictTests"/>: the tally handler on top of the usual one.</summary>
public sealed class ConflictApp : SharedEventingApp
{
    public static void AddTallyHandler(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConflictProbe>();
        builder.Services.AddIntegrationEventHandler<TallyBumpedIntegrationEvent, TallyBumpedHandler>();
    }

    protected override void Configure(WebApplicationBuilder builder) => AddTallyHandler(builder);
}

/// <summary>
/// A concurrent write between a handler's read and its write is normal traffic: the inbox rolls back
/// and runs the handler again on fresh data, answering 200 with one effect, not 500 and a redelivery.
/// Each test has a tally of its own.
/// </summary>
public sealed class InboxConflictTests(ConflictApp shared) : IClassFixture<ConflictApp>
{
    private const string Route = "/events/tally-bumped";

    private readonly EventingTestApp _app = shared.App;

    private static ConflictProbe Probe(EventingTestApp app) => app.Services.GetRequiredService<ConflictProbe>();

    private static Task<HttpResponseMessage> DeliverAsync(EventingTestApp app, TallyBumpedIntegrationEvent evt) =>
        app.CreateClient().PostAsync(Route, CloudEvents.For(evt, TallyBumpedIntegrationEvent.Topic, TallyBumpedIntegrationEvent.EventType));

    private static Task StartTallyAsync(EventingTestApp app, string key) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({key}, 0)"));

    // Another writer (a person's command, in a service) committing on its own connection.
    private static Task AddHundredAsync(EventingTestApp app, string key) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE tallies SET count = count + 100 WHERE key = {key}"));

    private static Task<int?> CountAsync(EventingTestApp app, string key) =>
        app.WithDbAsync(async db => (await db.Tallies.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key))?.Count);

    private Task<int> InboxRowsAsync(Guid eventId) => _app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId));

    private static async Task ShouldSucceedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().Should().Be("SUCCESS");
    }

    [Fact]
    public async Task An_update_committed_between_the_handlers_read_and_write_is_handled_again_with_one_effect()
    {
        const string key = "update";
        using var metrics = new EventingMetricsRecorder(_app.Services);
        await StartTallyAsync(_app, key);
        Probe(_app).InterfereOnNext(key, 1, () => AddHundredAsync(_app, key));
        var evt = new TallyBumpedIntegrationEvent(key);

        await ShouldSucceedAsync(await DeliverAsync(_app, evt));

        (await CountAsync(_app, key)).Should().Be(101, "the other writer's 100 is kept and the event added its 1 once");
        Probe(_app).AttemptsFor(key).Should().Be(2);
        (await InboxRowsAsync(evt.Id)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.conflict_retries", TallyBumpedIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.handled", TallyBumpedIntegrationEvent.Topic).Should().Be(1);

        // The same event again is still a duplicate that does nothing.
        await ShouldSucceedAsync(await DeliverAsync(_app, evt));
        (await CountAsync(_app, key)).Should().Be(101);
        Probe(_app).AttemptsFor(key).Should().Be(2);
    }

    [Fact]
    public async Task An_insert_of_the_same_key_committed_between_read_and_write_is_handled_again_with_one_effect()
    {
        const string key = "insert";
        Probe(_app).InterfereOnNext(key, 1, () =>
            _app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({key}, 100)")));
        var evt = new TallyBumpedIntegrationEvent(key);

        await ShouldSucceedAsync(await DeliverAsync(_app, evt));

        (await CountAsync(_app, key)).Should().Be(101);
        Probe(_app).AttemptsFor(key).Should().Be(2);
        (await InboxRowsAsync(evt.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_conflict_on_every_attempt_answers_500_without_a_trace_and_the_redelivery_succeeds()
    {
        const string key = "bound";
        await StartTallyAsync(_app, key);
        Probe(_app).InterfereOnNext(key, 5, () => AddHundredAsync(_app, key));
        var evt = new TallyBumpedIntegrationEvent(key);

        var failed = await DeliverAsync(_app, evt);

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().EndWith("/event-handler-failed");
        Probe(_app).AttemptsFor(key).Should().Be(5, "the retries are bounded");
        (await CountAsync(_app, key)).Should().Be(500, "only the other writer's updates committed");
        (await InboxRowsAsync(evt.Id)).Should().Be(0);

        await ShouldSucceedAsync(await DeliverAsync(_app, evt));
        (await CountAsync(_app, key)).Should().Be(501);
    }

    [Fact]
    public async Task The_next_attempt_waits_for_its_backoff_on_the_apps_clock()
    {
        const string key = "backoff";
        var clock = new FakeTimeProvider(ClockedApp.T0);
        // An app of its own: its clock stands still unless the test moves it.
        await using var app = await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync("inbox_conflict_backoff"),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" },
            configure: builder =>
            {
                ConflictApp.AddTallyHandler(builder);
                EventingTestApp.WithClock(clock)(builder);
            });
        await StartTallyAsync(app, key);
        Probe(app).InterfereOnNext(key, 1, () => AddHundredAsync(app, key));

        var delivery = DeliverAsync(app, new TallyBumpedIntegrationEvent(key));

        // After the conflict the delivery waits, however long that is in real time.
        await Eventually.HoldsAsync(() => Probe(app).AttemptsFor(key) == 1, "the first attempt ran");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Probe(app).AttemptsFor(key).Should().Be(1, "the second attempt waits for its backoff (5-10 ms on the app's clock)");
        delivery.IsCompleted.Should().BeFalse();

        // Moved on in steps, so the step that comes after the wait has begun ends it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!delivery.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        await ShouldSucceedAsync(await delivery);
        Probe(app).AttemptsFor(key).Should().Be(2);
        (await CountAsync(app, key)).Should().Be(101);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.Eventing.Tests.Data;
using G2B.Eventing.Tests.Support;
using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace G2B.Eventing.Tests.Inbox;

/// <summary>
/// A concurrent write between a handler's read and its write is normal traffic: the inbox rolls back
/// and runs the handler again on fresh data, answering 200 with one effect, not 500 and a redelivery.
/// </summary>
public sealed class InboxConflictTests
{
    private const string Route = "/events/tally-bumped";
    private const string Key = "k";

    private static async Task<EventingTestApp> StartAsync(string name, Action<WebApplicationBuilder>? configure = null) =>
        await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync(name),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" },
            configure: builder =>
            {
                builder.Services.AddSingleton<ConflictProbe>();
                builder.Services.AddIntegrationEventHandler<TallyBumpedIntegrationEvent, TallyBumpedHandler>();
                configure?.Invoke(builder);
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapEventing();
            });

    private static ConflictProbe Probe(EventingTestApp app) => app.Services.GetRequiredService<ConflictProbe>();

    private static Task<HttpResponseMessage> DeliverAsync(EventingTestApp app, TallyBumpedIntegrationEvent evt) =>
        app.CreateClient().PostAsync(Route, CloudEvents.For(evt, TallyBumpedIntegrationEvent.Topic, TallyBumpedIntegrationEvent.EventType));

    // Another writer (a person's command, in a service) committing on its own connection.
    private static Task AddHundredAsync(EventingTestApp app) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE tallies SET count = count + 100 WHERE key = {Key}"));

    private static Task<int?> CountAsync(EventingTestApp app) =>
        app.WithDbAsync(async db => (await db.Tallies.AsNoTracking().SingleOrDefaultAsync(t => t.Key == Key))?.Count);

    private static Task<int> InboxRowsAsync(EventingTestApp app) => app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync());

    private static async Task ShouldSucceedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().Should().Be("SUCCESS");
    }

    [Fact]
    public async Task An_update_committed_between_the_handlers_read_and_write_is_handled_again_with_one_effect()
    {
        await using var app = await StartAsync("inbox_conflict_update");
        using var metrics = new EventingMetricsRecorder(app.Services);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({Key}, 0)"));
        Probe(app).InterfereOnNext(1, () => AddHundredAsync(app));
        var evt = new TallyBumpedIntegrationEvent(Key);

        await ShouldSucceedAsync(await DeliverAsync(app, evt));

        (await CountAsync(app)).Should().Be(101, "the other writer's 100 is kept and the event added its 1 once");
        Probe(app).Attempts.Should().Be(2);
        (await InboxRowsAsync(app)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.conflict_retries", TallyBumpedIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.handled", TallyBumpedIntegrationEvent.Topic).Should().Be(1);

        // The same event again is still a duplicate that does nothing.
        await ShouldSucceedAsync(await DeliverAsync(app, evt));
        (await CountAsync(app)).Should().Be(101);
        Probe(app).Attempts.Should().Be(2);
    }

    [Fact]
    public async Task An_insert_of_the_same_key_committed_between_read_and_write_is_handled_again_with_one_effect()
    {
        await using var app = await StartAsync("inbox_conflict_insert");
        Probe(app).InterfereOnNext(1, () =>
            app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({Key}, 100)")));

        await ShouldSucceedAsync(await DeliverAsync(app, new TallyBumpedIntegrationEvent(Key)));

        (await CountAsync(app)).Should().Be(101);
        Probe(app).Attempts.Should().Be(2);
        (await InboxRowsAsync(app)).Should().Be(1);
    }

    [Fact]
    public async Task A_conflict_on_every_attempt_answers_500_without_a_trace_and_the_redelivery_succeeds()
    {
        await using var app = await StartAsync("inbox_conflict_bound");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({Key}, 0)"));
        Probe(app).InterfereOnNext(5, () => AddHundredAsync(app));
        var evt = new TallyBumpedIntegrationEvent(Key);

        var failed = await DeliverAsync(app, evt);

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().EndWith("/event-handler-failed");
        Probe(app).Attempts.Should().Be(5, "the retries are bounded");
        (await CountAsync(app)).Should().Be(500, "only the other writer's updates committed");
        (await InboxRowsAsync(app)).Should().Be(0);

        await ShouldSucceedAsync(await DeliverAsync(app, evt));
        (await CountAsync(app)).Should().Be(501);
    }

    [Fact]
    public async Task The_next_attempt_waits_for_its_backoff_on_the_apps_clock()
    {
        var clock = new FakeTimeProvider(ClockedApp.T0);
        await using var app = await StartAsync("inbox_conflict_backoff", EventingTestApp.WithClock(clock));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ({Key}, 0)"));
        Probe(app).InterfereOnNext(1, () => AddHundredAsync(app));

        var delivery = DeliverAsync(app, new TallyBumpedIntegrationEvent(Key));

        // The clock stands still: after the conflict the delivery waits, however long that is in real time.
        await Eventually.HoldsAsync(() => Probe(app).Attempts == 1, "the first attempt ran");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Probe(app).Attempts.Should().Be(1, "the second attempt waits for its backoff (5-10 ms on the app's clock)");
        delivery.IsCompleted.Should().BeFalse();

        // Moved on in steps, so the step that comes after the wait has begun ends it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!delivery.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        await ShouldSucceedAsync(await delivery);
        Probe(app).Attempts.Should().Be(2);
        (await CountAsync(app)).Should().Be(101);
    }
}

using System.Text.Json;

namespace G2B.Eventing.Tests.Outbox;

public sealed class OutboxPublicationTests
{
    [Fact]
    public async Task Event_saved_with_the_state_change_is_published_after_commit()
    {
        var publisher = new RecordingPublisher();
        // A poll interval of a minute: only the commit signal can explain a prompt publication.
        await using var app = await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync("outbox_commit"), publisher,
            new Dictionary<string, string?> { ["Eventing:Outbox:PollInterval"] = "00:01:00" });

        var evt = new NoteWrittenIntegrationEvent("hello");
        await app.WithDbAsync(async db =>
        {
            db.Notes.Add(new Note { Text = "hello" });
            db.AddIntegrationEvent(evt, orderingKey: "note-1");
            await db.SaveChangesAsync();
        });

        await Eventually.HoldsAsync(() => publisher.Log.Any(p => p.Id == evt.Id), "the event is published", TimeSpan.FromSeconds(15));
        var published = publisher.Log.Single(p => p.Id == evt.Id);
        published.Topic.Should().Be("note-written");
        published.EventType.Should().Be("g2b.tests.note-written.v1");
        using var payload = JsonDocument.Parse(published.Payload);
        payload.RootElement.GetProperty("text").GetString().Should().Be("hello");
        payload.RootElement.GetProperty("id").GetGuid().Should().Be(evt.Id);

        await Eventually.HoldsAsync(
            async () => (await app.OutboxAsync()).Single().PublishedAt is not null, "the row is marked published");
        var row = (await app.OutboxAsync()).Single();
        row.Attempts.Should().Be(1);
        row.OrderingKey.Should().Be("note-1");
        row.LastError.Should().BeNull();
    }

    [Fact]
    public async Task Event_of_a_rolled_back_transaction_is_never_published()
    {
        var publisher = new RecordingPublisher();
        await using var app = await EventingTestApp.StartAsync(await TestPostgres.CreateDatabaseAsync("outbox_rollback"), publisher);

        var doomed = new NoteWrittenIntegrationEvent("doomed");
        await app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Text = "doomed" });
            db.AddIntegrationEvent(doomed);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }));

        // Published after the rollback: once it is out, the dispatcher has had its chance.
        var marker = new NoteWrittenIntegrationEvent("marker");
        await app.WithDbAsync(async db =>
        {
            db.AddIntegrationEvent(marker);
            await db.SaveChangesAsync();
        });
        await Eventually.HoldsAsync(() => publisher.Log.Any(p => p.Id == marker.Id), "the marker is published");

        publisher.Log.Should().NotContain(p => p.Id == doomed.Id);
        (await app.OutboxAsync()).Select(m => m.Id).Should().Equal(marker.Id);
        (await app.WithDbAsync(db => db.Notes.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Rows_stay_pending_with_backoff_while_the_sidecar_is_down_and_go_out_when_it_is_back()
    {
        var publisher = new RecordingPublisher { Down = true };
        await using var app = await EventingTestApp.StartAsync(await TestPostgres.CreateDatabaseAsync("outbox_down"), publisher);

        var events = Enumerable.Range(1, 3).Select(i => new NoteWrittenIntegrationEvent($"e{i}")).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var evt in events)
            {
                db.AddIntegrationEvent(evt);
            }

            await db.SaveChangesAsync();
        });

        await Eventually.HoldsAsync(
            async () => (await app.OutboxAsync()).All(m => m.Attempts >= 3), "every row has failed a few times");
        var pending = await app.OutboxAsync();
        pending.Should().OnlyContain(m => m.PublishedAt == null && m.LastError!.Contains("sidecar unavailable"));
        // Backoff: after failures the next attempt lies in the future rather than "now".
        pending.Should().OnlyContain(m => m.NextAttemptAt > DateTimeOffset.UnixEpoch);
        publisher.Log.Should().BeEmpty();

        publisher.Down = false;
        await Eventually.HoldsAsync(
            async () => (await app.OutboxAsync()).All(m => m.PublishedAt != null), "every row is published once the sidecar is back");
        publisher.Log.Select(p => p.Id).Should().BeEquivalentTo(events.Select(e => e.Id));
        (await app.OutboxAsync()).Should().OnlyContain(m => m.LastError == null);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_and_stays_under_the_ceiling()
    {
        var options = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30) };
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, attempt - 1));
            var delays = Enumerable.Range(0, 200).Select(_ => OutboxBackoff.Delay(attempt, options).TotalSeconds).ToList();
            delays.Should().OnlyContain(d => d >= ceiling / 2 && d <= ceiling, $"attempt {attempt} waits {ceiling / 2}-{ceiling} s");
            // Jitter over the whole upper half, not bunched at one end (200 draws: chance of failing ~ 2^-200).
            delays.Should().Contain(d => d < ceiling * 0.75).And.Contain(d => d > ceiling * 0.75);
        }

        // Far past the 30th attempt the exponent stops growing: still the ceiling, not an overflow.
        OutboxBackoff.Delay(10_000, options).TotalSeconds.Should().BeInRange(15, 30);
    }
}

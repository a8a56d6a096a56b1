using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// The dispatcher's loop with a poll interval of an hour, so only commit signals (and a full batch)
/// start rounds, on a clock the test moves: a backlog goes out without waiting for a poll, published
/// rows are pruned after their retention on the prune interval, and the pending gauge is kept.
/// </summary>
public sealed class OutboxDispatcherLoopTests
{
    private static readonly DateTimeOffset T0 = ClockedApp.T0;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);
    private static readonly string Store = nameof(EventingTestDbContext);

    private static readonly TimeSpan PendingCountInterval = TimeSpan.FromMinutes(1);

    private static OutboxDispatcher<EventingTestDbContext> NewDispatcher(EventingTestApp app, int batchSize = 100, TimeSpan? pendingCountInterval = null) =>
        app.NewDispatcher(o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.BatchSize = batchSize;
            o.Retention = Retention;
            o.PruneInterval = PruneInterval;
            o.PendingCountInterval = pendingCountInterval ?? PendingCountInterval;
        });

    private static async Task<Guid> AddAsync(EventingTestApp app, DateTimeOffset? publishedAt = null, DateTimeOffset? nextAttemptAt = null)
    {
        var evt = new NoteWrittenIntegrationEvent("row");
        await app.WithDbAsync(async db =>
        {
            var row = db.AddIntegrationEvent(evt);
            row.PublishedAt = publishedAt;
            row.NextAttemptAt = nextAttemptAt ?? row.NextAttemptAt;
            await db.SaveChangesAsync();
        });
        return evt.Id;
    }

    private static async Task<HashSet<Guid>> RowIdsAsync(EventingTestApp app) => [.. (await app.OutboxAsync()).Select(m => m.Id)];

    // A round starts after the one before it has finished, housekeeping included: once a marker saved
    // after this call is published, every round up to this point is complete.
    private static async Task RoundsDoneAsync(EventingTestApp app, RecordingPublisher publisher)
    {
        var marker = await AddAsync(app);
        await Eventually.HoldsAsync(() => publisher.Log.Any(p => p.Id == marker), "the marker is published", Prompt);
        var second = await AddAsync(app);
        await Eventually.HoldsAsync(() => publisher.Log.Any(p => p.Id == second), "the second marker is published", Prompt);
    }

    // A row whose first publish fails, saved while the test's dispatcher runs; returns once that failure is recorded.
    private static async Task<NoteWrittenIntegrationEvent> SaveFailingOnceAsync(ClockedApp rig)
    {
        var evt = new NoteWrittenIntegrationEvent("fails once");
        rig.Publisher.FailNext(evt.Id, 1);
        await rig.App.WithDbAsync(async db =>
        {
            db.AddIntegrationEvent(evt);
            await db.SaveChangesAsync();
        });
        await Eventually.HoldsAsync(async () => (await rig.RowAsync(evt.Id)).Attempts == 1, "the first attempt's failure is recorded", Prompt);
        return evt;
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_goes_out_at_once_without_waiting_for_the_poll()
    {
        await using var rig = await ClockedApp.StartAsync("loop_backlog");
        var (app, publisher, _) = rig;
        var dispatcher = NewDispatcher(app, batchSize: 2);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            var events = Enumerable.Range(0, 5).Select(i => new NoteWrittenIntegrationEvent($"b{i}")).ToList();
            await app.WithDbAsync(async db =>
            {
                events.ForEach(e => db.AddIntegrationEvent(e));
                await db.SaveChangesAsync();
            });

            // One commit, one signal: two full rounds of two go again at once, the third finds the last row.
            await Eventually.HoldsAsync(() => publisher.Log.Count == 5, "all five are published without a poll", Prompt);
            // Rows without an ordering key promise no order among themselves: each once, all of them.
            publisher.Log.Select(p => p.Id).Should().BeEquivalentTo(events.Select(e => e.Id));
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_idle_dispatcher_waits_for_a_signal_or_the_poll_instead_of_looking_again_at_once()
    {
        var rounds = new ClaimCounter();
        await using var rig = await ClockedApp.StartAsync("loop_idle", configure: rounds.Register);
        var dispatcher = NewDispatcher(rig.App);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(() => rounds.Claims >= 1, "the first round has run", Prompt);
            await Task.Delay(TimeSpan.FromSeconds(1));
            rounds.Claims.Should().Be(1, "with nothing to publish and no signal the next round is a poll interval away");

            var evt = await AddAsync(rig.App);
            await Eventually.HoldsAsync(() => rig.Publisher.Log.Any(p => p.Id == evt), "the signal starts a round", Prompt);
            await Task.Delay(TimeSpan.FromSeconds(1));
            rounds.Claims.Should().Be(2, "one signal, one round");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_idle_dispatcher_doubles_its_wait_up_to_the_idle_poll_interval_and_keeps_polling()
    {
        var rounds = new ClaimCounter();
        await using var rig = await ClockedApp.StartAsync("loop_idle_backoff", configure: rounds.Register);
        var dispatcher = rig.App.NewDispatcher(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.IdlePollInterval = TimeSpan.FromMilliseconds(800);
        });
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(() => rounds.Claims >= 1, "the first round has run", Prompt);
            await Task.Delay(TimeSpan.FromSeconds(4));

            // Waits of 100, 200, 400, then 800 ms: about eight rounds in four seconds, not forty at the poll interval
            // (the exact waits are DispatchWaitsTests'; this is the loop using them, with room for a loaded machine).
            rounds.Claims.Should().BeInRange(2, 15, "empty rounds space out to the idle poll interval, which still polls");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_row_that_failed_is_tried_again_when_its_retry_is_due_without_waiting_for_a_poll_or_a_signal()
    {
        await using var rig = await ClockedApp.StartAsync("loop_retry_due");
        var (app, publisher, clock) = rig;
        var dispatcher = NewDispatcher(app);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            var evt = await SaveFailingOnceAsync(rig);
            publisher.FailedCalls.Should().Be(1);
            var retryAt = (await rig.RowAsync(evt.Id)).NextAttemptAt;
            retryAt.Should().BeAfter(T0);

            // The poll is an hour away and nothing signals: only the row's own retry time starts the round.
            clock.SetUtcNow(retryAt);
            await Eventually.HoldsAsync(() => publisher.Log.Any(p => p.Id == evt.Id), "the row is published at its retry", Prompt);
            // The round marks the row after the publish answered, in its own commit: wait for it, do not race it.
            await Eventually.HoldsAsync(async () => (await rig.RowAsync(evt.Id)).PublishedAt is not null, "the retry's round is committed", Prompt);
            var published = await rig.RowAsync(evt.Id);
            published.Attempts.Should().Be(2);
            published.PublishedAt.Should().Be(retryAt);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task After_the_retry_s_round_the_dispatcher_waits_again_instead_of_looking_at_once_forever()
    {
        // The round at the retry time takes the retry (DispatchWaits.RoundStarting); kept, a retry time in the past
        // would make every later wait zero: a loop of empty claims as fast as the database answers. The clock is set to
        // the retry time as stored (whole microseconds), so the dispatcher's own must be the same instant.
        var rounds = new ClaimCounter();
        await using var rig = await ClockedApp.StartAsync("loop_retry_taken", configure: rounds.Register);
        var dispatcher = NewDispatcher(rig.App);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            var evt = await SaveFailingOnceAsync(rig);
            rig.Clock.SetUtcNow((await rig.RowAsync(evt.Id)).NextAttemptAt);
            await Eventually.HoldsAsync(async () => (await rig.RowAsync(evt.Id)).PublishedAt is not null, "the retry's round is committed", Prompt);

            var afterRetry = rounds.Claims;
            await Task.Delay(TimeSpan.FromSeconds(1));
            rounds.Claims.Should().BeLessThanOrEqualTo(afterRetry + 1,
                "with the retry taken, nothing pending and no signal, the next round is a poll interval away");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stopping_in_the_middle_of_a_publish_is_no_failure_the_row_stays_as_it_was()
    {
        var logs = new CapturedLogs();
        await using var rig = await ClockedApp.StartAsync("loop_stop", configure: builder => builder.Logging.AddProvider(logs));
        using var metrics = new EventingMetricsRecorder(rig.App.Services);
        rig.Publisher.Hangs = true;
        var evt = await AddAsync(rig.App);
        var dispatcher = NewDispatcher(rig.App);
        await dispatcher.StartAsync(CancellationToken.None);

        await Eventually.HoldsAsync(() => rig.Publisher.Calls == 1, "the publish has begun", Prompt);
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(Prompt);

        var row = await rig.RowAsync(evt);
        row.Attempts.Should().Be(0);
        row.LastError.Should().BeNull();
        row.NextAttemptAt.Should().Be(DateTimeOffset.UnixEpoch);
        metrics.Total("g2b.eventing.outbox.publish_failures", NoteWrittenIntegrationEvent.Topic).Should().Be(0);
        logs.Entries.Should().NotContain(
            e => e.Category.StartsWith("G2B.Eventing.", StringComparison.Ordinal) && e.Level >= LogLevel.Warning,
            "a shutdown is not something to warn about");
    }

    [Fact]
    public async Task Pending_rows_are_counted_once_per_pending_count_interval_not_every_round()
    {
        var queries = new ClaimCounter();
        await using var rig = await ClockedApp.StartAsync("loop_pending", configure: queries.Register);
        var (app, publisher, clock) = rig;
        using var metrics = new EventingMetricsRecorder(app.Services);
        await AddAsync(app, nextAttemptAt: T0 + TimeSpan.FromDays(30));
        var dispatcher = NewDispatcher(app);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(() => metrics.Observe("g2b.eventing.outbox.pending", Store) == 1, "the first round counts", Prompt);
            var later = await AddAsync(app, nextAttemptAt: T0 + TimeSpan.FromDays(30));
            await RoundsDoneAsync(app, publisher);
            queries.Claims.Should().BeGreaterThanOrEqualTo(3);
            queries.PendingCounts.Should().Be(1, "rounds within the interval do not count again");
            metrics.Observe("g2b.eventing.outbox.pending", Store).Should().Be(1, "the gauge keeps the last count until the next one");

            clock.Advance(PendingCountInterval - TimeSpan.FromTicks(1));
            await RoundsDoneAsync(app, publisher);
            queries.PendingCounts.Should().Be(1, "a tick early is still early");

            // A round (woken with nothing new to publish, so nothing else is pending) counts again.
            clock.Advance(TimeSpan.FromTicks(1));
            app.Services.GetRequiredService<OutboxSignal<EventingTestDbContext>>().Notify();
            await Eventually.HoldsAsync(() => queries.PendingCounts == 2, "the interval has passed: the next round counts", Prompt);
            await Eventually.HoldsAsync(() => metrics.Observe("g2b.eventing.outbox.pending", Store) == 2, $"{later} is pending too", Prompt);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Published_rows_are_pruned_after_their_retention_once_per_prune_interval_and_pending_rows_are_counted_never_pruned()
    {
        var logs = new CapturedLogs();
        await using var rig = await ClockedApp.StartAsync("loop_prune", configure: builder => builder.Logging.AddProvider(logs));
        var (app, publisher, clock) = rig;
        using var metrics = new EventingMetricsRecorder(app.Services);
        var expired = await AddAsync(app, publishedAt: T0 - Retention - TimeSpan.FromSeconds(1));
        var boundary = await AddAsync(app, publishedAt: T0 - Retention);
        var recent = await AddAsync(app, publishedAt: T0 - TimeSpan.FromDays(1));
        var pending = await AddAsync(app, nextAttemptAt: T0 + TimeSpan.FromDays(30));
        // Counted every round here, so the gauge follows the markers.
        var dispatcher = NewDispatcher(app, pendingCountInterval: TimeSpan.Zero);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // The first round prunes: published before now minus the retention, and nothing else.
            await Eventually.HoldsAsync(async () => !(await RowIdsAsync(app)).Contains(expired), "the expired row is pruned", Prompt);
            (await RowIdsAsync(app)).Should().Contain([boundary, recent, pending]);
            await Eventually.HoldsAsync(() => metrics.Observe("g2b.eventing.outbox.pending", Store) == 1, "one row is pending", Prompt);

            // Expired by half an hour from now, but the next prune is an interval after the first.
            var later = await AddAsync(app, publishedAt: T0 - Retention + TimeSpan.FromMinutes(10));
            clock.Advance(TimeSpan.FromMinutes(40));
            await RoundsDoneAsync(app, publisher);
            (await RowIdsAsync(app)).Should().Contain(later, "the prune interval has not passed");

            clock.SetUtcNow(T0 + PruneInterval);
            await RoundsDoneAsync(app, publisher);
            (await RowIdsAsync(app)).Should().NotContain([later, boundary]).And.Contain([recent, pending]);
            await Eventually.HoldsAsync(() => metrics.Observe("g2b.eventing.outbox.pending", Store) == 1, "the markers are not pending", Prompt);

            // A prune that finds nothing expired says nothing; each one that deletes rows says how many.
            clock.SetUtcNow(T0 + (2 * PruneInterval));
            await RoundsDoneAsync(app, publisher);
            (await RowIdsAsync(app)).Should().Contain([recent, pending]);
            logs.Entries.Where(e => e.Category.StartsWith("G2B.Eventing.OutboxDispatcher", StringComparison.Ordinal) && e.Message.StartsWith("Pruned", StringComparison.Ordinal))
                .Select(e => (e.Level, e.Message)).Should().Equal(
                    (LogLevel.Information, $"Pruned 1 published outbox rows of {Store}"),
                    (LogLevel.Information, $"Pruned 2 published outbox rows of {Store}"));
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_prune_that_is_due_runs_even_when_the_pending_count_is_not()
    {
        var queries = new ClaimCounter();
        await using var rig = await ClockedApp.StartAsync("loop_prune_alone", configure: queries.Register);
        var (app, publisher, clock) = rig;
        var dispatcher = NewDispatcher(app, pendingCountInterval: TimeSpan.FromDays(1));

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // The first round prunes and counts; the next prune is an interval later, the next count a day later.
            await RoundsDoneAsync(app, publisher);
            queries.PendingCounts.Should().Be(1);
            var expired = await AddAsync(app, publishedAt: T0 - Retention - TimeSpan.FromSeconds(1));

            clock.SetUtcNow(T0 + PruneInterval);
            await RoundsDoneAsync(app, publisher);
            (await RowIdsAsync(app)).Should().NotContain(expired, "the prune interval has passed");
            queries.PendingCounts.Should().Be(1, "the count's interval has not");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }
}

using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// One claim-publish-commit round at a time, run by the test on a clock it moves by hand: what is due,
/// what a failure records, when a row is tried again, and what waits behind it. Nothing polls.
/// </summary>
public sealed class OutboxDispatchRoundTests
{
    private static readonly DateTimeOffset T0 = ClockedApp.T0;

    // Retries are due 5 to 10 s after a first failure.
    private static Task<ClockedApp> StartAsync(
        string name, Dictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null) =>
        ClockedApp.StartAsync(
            name,
            new Dictionary<string, string?>(settings ?? [])
            {
                ["Eventing:Outbox:RetryBaseDelay"] = "00:00:10",
                ["Eventing:Outbox:RetryMaxDelay"] = "00:05:00",
            },
            configure);

    private static async Task<List<NoteWrittenIntegrationEvent>> AddAsync(ClockedApp rig, params string?[] keys)
    {
        var events = keys.Select((_, i) => new NoteWrittenIntegrationEvent($"n{i}")).ToList();
        await rig.App.WithDbAsync(async db =>
        {
            for (var i = 0; i < keys.Length; i++)
            {
                db.AddIntegrationEvent(events[i], keys[i]);
            }

            await db.SaveChangesAsync();
        });
        return events;
    }

    [Fact]
    public async Task A_round_marks_what_it_published_without_a_savepoint()
    {
        await using var rig = await StartAsync("round_no_savepoint");
        await AddAsync(rig, "a", "b");
        var database = await rig.App.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        using var statements = NpgsqlStatements.Of(database);

        (await rig.RoundAsync()).Should().Be(2);

        statements.Texts.Should().Contain(s => s.StartsWith("UPDATE", StringComparison.Ordinal), "the marks are saved in the round's transaction")
            .And.NotContain(s => s.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase), "two round trips that nothing rolls back to");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_publish_timings_a_row_goes_out_with_when_its_commit_returned_here_and_when_it_was_claimed(bool timings)
    {
        await using var rig = await StartAsync($"round_timings_{timings}", new() { ["Eventing:Outbox:PublishTimings"] = timings ? "true" : "false" });
        var autocommitted = (await AddAsync(rig, "a"))[0];
        var inTransaction = new NoteWrittenIntegrationEvent("t");
        await rig.App.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(inTransaction, "b");
            await db.SaveChangesAsync();
            // Stamped when the transaction commits, not when the save ran in it.
            rig.Clock.Advance(TimeSpan.FromMilliseconds(2));
            await transaction.CommitAsync();
        }));
        // A row this process did not see commit (another replica's, or saved before a restart).
        var elsewhere = Guid.NewGuid();
        await rig.App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"insert into outbox_messages (id, topic, event_type, payload, occurred_at, next_attempt_at, attempts) values ({elsewhere}, 'note-written', 'x', '{{}}', {T0}, {T0}, 0)"));
        rig.Clock.Advance(TimeSpan.FromMilliseconds(3));

        (await rig.RoundAsync()).Should().Be(3);

        var published = rig.Publisher.Log.ToDictionary(p => p.Id);
        var claimed = timings ? T0.AddMilliseconds(5) : (DateTimeOffset?)null;
        (published[autocommitted.Id].CommittedAt, published[autocommitted.Id].ClaimedAt).Should().Be((timings ? T0 : null, claimed));
        (published[inTransaction.Id].CommittedAt, published[inTransaction.Id].ClaimedAt).Should().Be((timings ? T0.AddMilliseconds(2) : null, claimed));
        (published[elsewhere].CommittedAt, published[elsewhere].ClaimedAt).Should().Be(((DateTimeOffset?)null, claimed));
    }

    [Fact]
    public async Task A_round_publishes_what_is_due_marks_it_with_the_clocks_time_and_counts_it()
    {
        await using var rig = await StartAsync("round_publish");
        using var metrics = new EventingMetricsRecorder(rig.App.Services);
        var events = await AddAsync(rig, null, "k");

        (await rig.RoundAsync()).Should().Be(2);

        // Two keys (a row without one is a key of its own): no order is promised between them.
        rig.PublishedIds.Should().BeEquivalentTo(events.Select(e => e.Id));
        foreach (var evt in events)
        {
            var row = await rig.RowAsync(evt.Id);
            row.PublishedAt.Should().Be(T0);
            row.Attempts.Should().Be(1);
            row.LastError.Should().BeNull();
        }

        metrics.Total("g2b.eventing.outbox.published", NoteWrittenIntegrationEvent.Topic).Should().Be(2);
        metrics.Total("g2b.eventing.outbox.publish_failures", NoteWrittenIntegrationEvent.Topic).Should().Be(0);
        (await rig.RoundAsync()).Should().Be(0, "published rows are not claimed again");
        rig.Publisher.Log.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failed_publish_is_recorded_and_tried_again_once_its_backoff_is_over_not_before()
    {
        await using var rig = await StartAsync("round_backoff");
        using var metrics = new EventingMetricsRecorder(rig.App.Services);
        var evt = (await AddAsync(rig, "k")).Single();
        rig.Publisher.FailNext(evt.Id, 1);

        (await rig.RoundAsync()).Should().Be(1);

        var failed = await rig.RowAsync(evt.Id);
        failed.PublishedAt.Should().BeNull();
        failed.Attempts.Should().Be(1);
        failed.LastError.Should().Be("InvalidOperationException: sidecar unavailable (test)");
        // First retry: between half the base delay (10 s) and all of it.
        failed.NextAttemptAt.Should().BeOnOrAfter(T0.AddSeconds(5)).And.BeOnOrBefore(T0.AddSeconds(10));
        metrics.Total("g2b.eventing.outbox.publish_failures", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.outbox.published", NoteWrittenIntegrationEvent.Topic).Should().Be(0);

        (await rig.RoundAsync()).Should().Be(0, "the row is not due yet");
        rig.Clock.SetUtcNow(failed.NextAttemptAt.AddTicks(-10));
        (await rig.RoundAsync()).Should().Be(0, "a microsecond early is still early");
        rig.Publisher.FailedCalls.Should().Be(1);

        rig.Clock.SetUtcNow(failed.NextAttemptAt);
        (await rig.RoundAsync()).Should().Be(1, "due at exactly its next attempt time");

        var published = await rig.RowAsync(evt.Id);
        published.PublishedAt.Should().Be(failed.NextAttemptAt);
        published.Attempts.Should().Be(2);
        published.LastError.Should().BeNull("a success clears the last error");
        rig.PublishedIds.Should().Equal(evt.Id);
        metrics.Total("g2b.eventing.outbox.published", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
    }

    [Fact]
    public async Task Later_rows_of_a_key_wait_behind_a_failed_row_while_other_keys_and_rows_without_a_key_go_on()
    {
        await using var rig = await StartAsync("round_lanes");
        var e = await AddAsync(rig, "a", "b", null, "a", null, "b");
        Guid a1 = e[0].Id, b1 = e[1].Id, u1 = e[2].Id, a2 = e[3].Id, u2 = e[4].Id, b2 = e[5].Id;
        rig.Publisher.FailNext(a1, 1);
        rig.Publisher.FailNext(u1, 1);

        // Heads a1, b1, u1, u2 and the followers a2, b2: all six claimed in one round.
        (await rig.RoundAsync()).Should().Be(6);

        // a stops at its failure; b goes on in its order; a row without a key stops nothing.
        rig.PublishedIds.Should().BeEquivalentTo([b1, b2, u2]);
        rig.Publisher.OfKey("b").Should().Equal(b1, b2);
        (await rig.RowAsync(a2)).Attempts.Should().Be(0, "a2 was not even tried");

        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        (await rig.RoundAsync()).Should().Be(3);
        rig.PublishedIds.Skip(3).Should().BeEquivalentTo([a1, a2, u1]);
        rig.Publisher.OfKey("a").Should().Equal(a1, a2);
        (await rig.App.OutboxAsync()).Should().OnlyContain(m => m.PublishedAt != null);
    }

    [Fact]
    public async Task A_round_takes_a_keys_backlog_at_once_and_at_most_a_batch_of_heads()
    {
        await using var rig = await StartAsync("round_batch", new() { ["Eventing:Outbox:BatchSize"] = "2" });
        var backlog = await AddAsync(rig, "k", "k", "k");

        (await rig.RoundAsync()).Should().Be(3, "the head of k and the two rows after it");
        rig.PublishedIds.Should().Equal(backlog.Select(b => b.Id));

        // Rows without a key promise no order: the INSERT numbers them in whatever order EF sends them.
        var loose = (await AddAsync(rig, null, null, null)).Select(e => e.Id).ToList();
        var oldestFirst = (await rig.App.OutboxAsync()).Where(m => loose.Contains(m.Id)).OrderBy(m => m.Sequence).Select(m => m.Id).ToList();
        (await rig.RoundAsync()).Should().Be(2, "rows without a key are each a head, and a round claims two heads");
        rig.PublishedIds.Skip(3).Should().BeEquivalentTo(oldestFirst.Take(2), "the oldest two heads");
        (await rig.RoundAsync()).Should().Be(1);
        (await rig.RoundAsync()).Should().Be(0);
        rig.PublishedIds.Skip(5).Should().Equal(oldestFirst[2]);
    }

    [Fact]
    public async Task A_round_claims_the_heads_and_the_rows_behind_them_in_one_statement_and_marks_them_in_one_more()
    {
        var claims = new ClaimCounter();
        await using var rig = await StartAsync("round_one_claim", configure: claims.Register);
        var loose = await AddAsync(rig, null, null);

        (await RoundAsync(rig, claims)).Should().Be((2, 1, 2), "rows without a key: the claim, then the marking");
        rig.PublishedIds.Should().BeEquivalentTo(loose.Select(e => e.Id));

        var keyed = await AddAsync(rig, "k", null, "k", "k");
        (await RoundAsync(rig, claims)).Should().Be((4, 1, 2), "the rows behind k's head come with the same claim");
        rig.PublishedIds.Skip(2).Should().BeEquivalentTo(keyed.Select(e => e.Id));
        rig.Publisher.OfKey("k").Should().Equal(keyed[0].Id, keyed[2].Id, keyed[3].Id);
        (await RoundAsync(rig, claims)).Should().Be((0, 1, 1), "an empty round is the claim alone");
    }

    [Fact]
    public async Task A_rounds_marks_commit_without_waiting_for_the_flush_and_a_producers_save_still_waits()
    {
        var settings = new CommitSettings();
        await using var rig = await StartAsync("round_async_mark", configure: settings.Register);
        // Test clusters commit asynchronously throughout; this database commits as the suite's do.
        await rig.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = on', current_database()); END $$"));
        NpgsqlConnection.ClearAllPools();
        var events = await AddAsync(rig, "k", null);

        (await rig.RoundAsync()).Should().Be(2);

        // What the marking statement ran under, read on its own connection and transaction just before it ran.
        settings.Seen.Should().Contain(("UPDATE", "off")).And.Contain(("INSERT", "on"), "the producer's save (the events' INSERT)");
        foreach (var evt in events)
        {
            (await rig.RowAsync(evt.Id)).PublishedAt.Should().Be(T0);
        }

        // A round's setting ends with its transaction: the next save on a pooled connection is synchronous again.
        settings.Seen.Clear();
        await AddAsync(rig, "k");
        settings.Seen.Should().Equal(("INSERT", "on"));
    }

    /// <summary>Reads <c>synchronous_commit</c> in the transaction of every INSERT and UPDATE, just before it runs.</summary>
    private sealed class CommitSettings : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Statement, string Setting)> Seen { get; } = new();

        public void Register(WebApplicationBuilder builder) =>
            builder.Services.ConfigureDbContext<EventingTestDbContext>(options => options.AddInterceptors(this));

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var statement = command.CommandText.TrimStart().Split(' ', 2)[0];
            if (statement is "UPDATE" or "INSERT")
            {
                await using var show = command.Connection!.CreateCommand();
                show.Transaction = command.Transaction;
                show.CommandText = "SHOW synchronous_commit";
                Seen.Enqueue((statement, (string)(await show.ExecuteScalarAsync(cancellationToken))!));
            }

            return result;
        }
    }

    // One round: the rows it claimed, the claim statements and all the commands it sent.
    private static async Task<(int Rows, int Claims, int Commands)> RoundAsync(ClockedApp rig, ClaimCounter claims)
    {
        var (claimsBefore, commandsBefore) = (claims.Claims, claims.Commands);
        var rows = await rig.RoundAsync();
        return (rows, claims.Claims - claimsBefore, claims.Commands - commandsBefore);
    }

    [Fact]
    public async Task Different_keys_are_published_side_by_side_up_to_the_publish_concurrency_and_one_keys_rows_one_after_another()
    {
        await using var rig = await StartAsync("round_concurrency", new() { ["Eventing:Outbox:PublishConcurrency"] = "2" });
        var e = await AddAsync(rig, "a", "b", "c", "a", "b", "c");
        rig.Publisher.CloseGate();

        var round = rig.RoundAsync();
        await Eventually.HoldsAsync(() => rig.Publisher.Calls == 2, "two keys' heads are being published at once", TimeSpan.FromSeconds(20));
        // Nothing else may start while both are held (a wait that can only let a wrong bound show, never fail a right one).
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        rig.Publisher.Calls.Should().Be(2, "the third key waits for a free slot");
        rig.Publisher.OpenGate();

        (await round).Should().Be(6);
        rig.Publisher.MaxInFlight.Should().Be(2);
        rig.Publisher.OfKey("a").Should().Equal(e[0].Id, e[3].Id);
        rig.Publisher.OfKey("b").Should().Equal(e[1].Id, e[4].Id);
        rig.Publisher.OfKey("c").Should().Equal(e[2].Id, e[5].Id);
    }

    [Fact]
    public async Task A_publish_that_never_answers_is_abandoned_after_the_publish_timeout_and_recorded_as_failed()
    {
        await using var rig = await StartAsync("round_hang", new() { ["Eventing:Outbox:PublishTimeout"] = "00:00:00.200" });
        var evt = (await AddAsync(rig, "k")).Single();
        rig.Publisher.Hangs = true;

        (await rig.RoundAsync()).Should().Be(1);

        var row = await rig.RowAsync(evt.Id);
        row.PublishedAt.Should().BeNull();
        row.Attempts.Should().Be(1);
        row.LastError.Should().StartWith(nameof(TaskCanceledException));
        row.NextAttemptAt.Should().BeAfter(T0);
    }

    [Fact]
    public async Task The_recorded_error_is_cut_to_2000_characters()
    {
        await using var rig = await StartAsync("round_long_error");
        var evt = (await AddAsync(rig, "k")).Single();
        rig.Publisher.Down = true;
        rig.Publisher.FailureMessage = new string('x', 5000);

        await rig.RoundAsync();

        var error = (await rig.RowAsync(evt.Id)).LastError!;
        error.Should().HaveLength(2000);
        error.Should().StartWith("InvalidOperationException: xxx");
    }

    [Fact]
    public async Task Publishing_continues_the_trace_that_raised_the_event_and_starts_none_without_one()
    {
        await using var rig = await StartAsync("round_trace");
        var traced = new NoteWrittenIntegrationEvent("traced");
        var untraced = new NoteWrittenIntegrationEvent("untraced");
        var garbled = new NoteWrittenIntegrationEvent("garbled");
        Activity? request = null;
        await rig.App.WithDbAsync(async db =>
        {
            // Raised while a request is being handled; the dispatcher publishes later, outside it.
            request = new Activity("incoming request").SetIdFormat(ActivityIdFormat.W3C).Start();
            db.AddIntegrationEvent(traced);
            request.Stop();
            db.AddIntegrationEvent(untraced);
            db.AddIntegrationEvent(garbled).TraceParent = "00-not-a-trace-01";
            await db.SaveChangesAsync();
        });
        Activity.Current.Should().BeNull();

        (await rig.RoundAsync()).Should().Be(3);

        var trace = rig.Publisher.Log.Single(p => p.Id == traced.Id).Trace;
        trace.Should().Be(new PublishTrace("outbox publish note-written", request!.TraceId.ToHexString(), request.SpanId.ToHexString()));
        rig.Publisher.Log.Single(p => p.Id == untraced.Id).Trace.Should().BeNull();
        rig.Publisher.Log.Single(p => p.Id == garbled.Id).Trace.Should().BeNull("an unreadable traceparent starts no trace");
    }

    [Fact]
    public async Task A_round_whose_commit_fails_transiently_runs_again_from_what_the_database_holds()
    {
        var failOnce = new FailFirstOutboxUpdate();
        await using var rig = await StartAsync(
            "round_transient",
            configure: builder => builder.Services.ConfigureDbContext<EventingTestDbContext>(options => options.AddInterceptors(failOnce)));
        var evt = (await AddAsync(rig, "k")).Single();

        (await rig.RoundAsync()).Should().Be(1);

        failOnce.Failed.Should().BeTrue();
        // At least once: the first attempt's publish went out, its bookkeeping rolled back; the retry publishes again.
        rig.PublishedIds.Should().Equal(evt.Id, evt.Id);
        var row = await rig.RowAsync(evt.Id);
        row.Attempts.Should().Be(1, "what the rolled-back attempt did to the row in memory is not carried into the retry");
        row.PublishedAt.Should().Be(T0);
    }

    // Fails the first write to the outbox as a dropped connection does: the execution strategy runs the round again.
    private sealed class FailFirstOutboxUpdate : DbCommandInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FailFirstUpdate(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            FailFirstUpdate(command);
            return ValueTask.FromResult(result);
        }

        private void FailFirstUpdate(DbCommand command)
        {
            // Npgsql quotes identifiers only where it must: UPDATE outbox_messages SET ...
            if (!Failed && command.CommandText.Replace("\"", "", StringComparison.Ordinal).Contains("UPDATE outbox_messages", StringComparison.Ordinal))
            {
                Failed = true;
                throw new NpgsqlException("connection lost (test)", new TimeoutException());
            }
        }
    }
}

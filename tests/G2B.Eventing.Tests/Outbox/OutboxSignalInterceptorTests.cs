using Microsoft.Extensions.DependencyInjection;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// When the dispatcher is woken: once outbox rows are durable (after SaveChanges in its own transaction,
/// or at the commit of the surrounding one), never for a save without rows or a rolled-back one. The
/// dispatcher is off, so nothing consumes the signal but the test. Each case runs with EF's synchronous
/// and asynchronous API, which reach the interceptor through different methods.
/// </summary>
public sealed class InterceptorApp : SharedEventingApp;

public sealed class OutboxSignalInterceptorTests(InterceptorApp shared) : IClassFixture<InterceptorApp>
{
    private readonly EventingTestApp _app = shared.App;

    /// <summary>
    /// Whether a signal is waiting, consuming it. A waiting signal ends the wait before this method
    /// looks (the channel answers at once); otherwise the test ends the wait itself, so no waiter is
    /// left behind for a later signal to complete out of sight.
    /// </summary>
    private async Task<bool> SignalledAsync()
    {
        var signal = _app.Services.GetRequiredService<OutboxSignal<EventingTestDbContext>>();
        var wait = signal.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None);
        var signalled = wait.IsCompleted;
        if (!signalled)
        {
            signal.Notify();
        }

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        return signalled;
    }

    private static Guid AddEvent(EventingTestDbContext db) => db.AddIntegrationEvent(new NoteWrittenIntegrationEvent("e")).Id;

    private async Task<List<Guid>> OutboxIdsAsync(params Guid[] ids) =>
        (await _app.OutboxAsync()).Select(m => m.Id).Where(ids.Contains).ToList();

    private static void AddNote(EventingTestDbContext db) => db.Notes.Add(new Note { Text = "n" });

    private static void AddTally(EventingTestDbContext db, string key) => db.Tallies.Add(new Tally { Key = key, Count = 1 });

    // The same steps through either API: sync runs them as they are, async awaits their async twins.
    private static Task SaveAsync(EventingTestDbContext db, bool sync) => sync ? Task.FromResult(db.SaveChanges()) : db.SaveChangesAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_save_with_outbox_rows_signals_once_and_a_save_without_does_not(bool sync)
    {
        (await SignalledAsync()).Should().BeFalse();

        await _app.WithDbAsync(async db =>
        {
            AddEvent(db);
            AddNote(db);
            await SaveAsync(db, sync);
        });
        (await SignalledAsync()).Should().BeTrue();
        (await SignalledAsync()).Should().BeFalse("the signal was consumed");

        await _app.WithDbAsync(async db =>
        {
            AddNote(db);
            await SaveAsync(db, sync);
        });
        (await SignalledAsync()).Should().BeFalse("no outbox row was saved");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task In_an_explicit_transaction_the_signal_waits_for_the_commit(bool sync)
    {
        var afterSave = true;
        await _app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = sync ? db.Database.BeginTransaction() : await db.Database.BeginTransactionAsync();
            AddEvent(db);
            await SaveAsync(db, sync);
            afterSave = await SignalledAsync();
            if (sync)
            {
                transaction.Commit();
            }
            else
            {
                await transaction.CommitAsync();
            }
        }));

        afterSave.Should().BeFalse("the rows are not durable before the commit");
        (await SignalledAsync()).Should().BeTrue();

        // A later transaction without outbox rows wakes nobody.
        await InTransactionAsync(db =>
        {
            AddNote(db);
            return SaveAsync(db, sync);
        });
        (await SignalledAsync()).Should().BeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_same_context_saving_again_without_outbox_rows_signals_nothing_after_a_save_or_a_commit_that_did(bool sync)
    {
        await _app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // Its own transaction: the save's rows are signalled once, not again at the context's next save.
            AddEvent(db);
            await SaveAsync(db, sync);
            (await SignalledAsync()).Should().BeTrue();
            AddNote(db);
            await SaveAsync(db, sync);
            (await SignalledAsync()).Should().BeFalse("the second save has no outbox row");

            // An explicit transaction: signalled at its commit, not again at the context's next commit.
            await using (var first = await db.Database.BeginTransactionAsync())
            {
                AddEvent(db);
                await SaveAsync(db, sync);
                await first.CommitAsync();
            }

            (await SignalledAsync()).Should().BeTrue();
            await using (var second = await db.Database.BeginTransactionAsync())
            {
                AddNote(db);
                await SaveAsync(db, sync);
                await second.CommitAsync();
            }

            (await SignalledAsync()).Should().BeFalse("the second transaction has no outbox row");
        }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_rolled_back_transaction_signals_nothing_then_or_at_a_later_commit_of_the_same_context(bool sync)
    {
        var doomedEvent = Guid.Empty;
        await _app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using (var doomed = await db.Database.BeginTransactionAsync())
            {
                doomedEvent = AddEvent(db);
                await SaveAsync(db, sync);
                if (sync)
                {
                    doomed.Rollback();
                }
                else
                {
                    await doomed.RollbackAsync();
                }
            }

            db.ChangeTracker.Clear();
            await using var next = await db.Database.BeginTransactionAsync();
            AddNote(db);
            await SaveAsync(db, sync);
            await next.CommitAsync();
        }));

        (await SignalledAsync()).Should().BeFalse();
        (await OutboxIdsAsync(doomedEvent)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_transaction_ended_without_a_commit_or_a_rollback_signals_nothing_at_a_later_commit_of_the_same_context(bool sync)
    {
        var abandonedEvent = await AbandonThenCommitAsync(sync, AddNote);

        (await SignalledAsync()).Should().BeFalse("the committed transaction wrote no outbox row");
        (await OutboxIdsAsync(abandonedEvent)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_an_abandoned_transaction_the_next_transaction_of_the_context_signals_its_own_rows_at_its_commit(bool sync)
    {
        var committedEvent = Guid.Empty;
        var abandonedEvent = await AbandonThenCommitAsync(sync, db => committedEvent = AddEvent(db));

        (await SignalledAsync()).Should().BeTrue("the committed transaction wrote an outbox row");
        (await OutboxIdsAsync(abandonedEvent, committedEvent)).Should().Equal(committedEvent);
    }

    /// <summary>
    /// One context: a transaction that saves an outbox row and is disposed uncommitted (an exception on the way out, say:
    /// PostgreSQL rolls it back, no interceptor hears of it), then a transaction that saves what <paramref name="next"/>
    /// adds and commits. Returns the abandoned row's id.
    /// </summary>
    private async Task<Guid> AbandonThenCommitAsync(bool sync, Action<EventingTestDbContext> next)
    {
        var abandonedEvent = Guid.Empty;
        await _app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using (await db.Database.BeginTransactionAsync())
            {
                abandonedEvent = AddEvent(db);
                await SaveAsync(db, sync);
            }

            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            next(db);
            await SaveAsync(db, sync);
            await transaction.CommitAsync();
        }));
        return abandonedEvent;
    }

    [Fact]
    public async Task A_cancelled_save_leaves_nothing_to_signal_at_the_context_s_next_save()
    {
        var cancelledEvent = Guid.Empty;
        await _app.WithDbAsync(async db =>
        {
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            cancelledEvent = AddEvent(db);
            var save = () => db.SaveChangesAsync(cancelled.Token);
            await save.Should().ThrowAsync<OperationCanceledException>();
            db.ChangeTracker.Clear();

            AddNote(db);
            await db.SaveChangesAsync();
        });

        (await SignalledAsync()).Should().BeFalse("the only save with an outbox row was cancelled");
        (await OutboxIdsAsync(cancelledEvent)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_save_through_a_pooled_context_handed_out_again_still_signals()
    {
        var first = await _app.WithDbAsync(db => Task.FromResult(db));
        await _app.WithDbAsync(async db =>
        {
            db.Should().BeSameAs(first, "the scope leased the context the last one gave back");
            AddEvent(db);
            await db.SaveChangesAsync();
        });

        (await SignalledAsync()).Should().BeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_save_forgets_its_own_rows_but_not_those_an_earlier_save_of_the_transaction_wrote(bool sync)
    {
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO tallies (key, count) VALUES ('taken', 1) ON CONFLICT DO NOTHING"));
        var failed = new List<Guid>();

        // Its own transaction rolled back with it; the next save of the context has no outbox rows.
        await _app.WithDbAsync(async db =>
        {
            failed.Add(await FailSaveAsync(db, sync));
            AddNote(db);
            await SaveAsync(db, sync);
        });
        (await SignalledAsync()).Should().BeFalse("the only save with outbox rows failed");

        // Inside a transaction EF rolls the failed save back to its savepoint, and the transaction goes on.
        await InTransactionAsync(async db =>
        {
            failed.Add(await FailSaveAsync(db, sync));
            AddNote(db);
            await SaveAsync(db, sync);
        });
        (await SignalledAsync()).Should().BeFalse("the committed saves wrote no outbox row");

        var earlier = new NoteWrittenIntegrationEvent("earlier");
        await InTransactionAsync(async db =>
        {
            db.AddIntegrationEvent(earlier);
            await SaveAsync(db, sync);
            failed.Add(await FailSaveAsync(db, sync));
        });
        (await SignalledAsync()).Should().BeTrue("the earlier save's row committed");
        (await OutboxIdsAsync([earlier.Id, .. failed])).Should().Equal(earlier.Id);
    }

    // A save of an outbox row that fails (the tally's key is taken), leaving the context clean.
    private static async Task<Guid> FailSaveAsync(EventingTestDbContext db, bool sync)
    {
        var id = AddEvent(db);
        AddTally(db, "taken");
        var save = () => SaveAsync(db, sync);
        await save.Should().ThrowAsync<DbUpdateException>();
        db.ChangeTracker.Clear();
        return id;
    }

    private Task InTransactionAsync(Func<EventingTestDbContext, Task> work) =>
        _app.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await work(db);
            await transaction.CommitAsync();
        }));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_saved_together_are_numbered_in_the_order_they_were_added(bool sync)
    {
        var added = Enumerable.Range(0, 12).Select(i => new NoteWrittenIntegrationEvent($"n{i}")).ToList();
        await _app.WithDbAsync(async db =>
        {
            foreach (var evt in added)
            {
                db.AddIntegrationEvent(evt, $"key-{added.IndexOf(evt) % 3}");
            }

            await SaveAsync(db, sync);
        });

        (await OutboxIdsAsync([.. added.Select(e => e.Id)])).Should().Equal(added.Select(e => e.Id));
        (await SignalledAsync()).Should().BeTrue();
    }
}

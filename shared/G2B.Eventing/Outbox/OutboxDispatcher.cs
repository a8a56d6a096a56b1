using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2B.Eventing;

/// <summary>
/// Publishes the outbox of <typeparamref name="TContext"/>: claims due rows (safe with several
/// replicas), publishes them in order per ordering key (different keys side by side), and backs off per row on failure. A row is
/// never dropped; at-least-once delivery, which the consumers' inboxes turn into once.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopeFactory,
    IOutboxPublisher publisher,
    OutboxSignal<TContext> signal,
    EventingMetrics metrics,
    TimeProvider time,
    IOptions<EventingOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly OutboxOptions _options = options.Value.Outbox;
    private readonly DispatchWaits _waits = new(options.Value.Outbox);
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;
    private DateTimeOffset _nextPendingCount = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatchEnabled)
        {
            logger.LogInformation("Outbox dispatch of {Context} is disabled by configuration", typeof(TContext).Name);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                _waits.RoundStarting(time.GetUtcNow());
                claimed = await DispatchOnceAsync(stoppingToken);
                await HousekeepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stryker disable once Statement,Block : equivalent; without it the wait below returns at once on the cancelled token and the loop's condition ends the loop.
                return;
            }
            catch (Exception ex)
            {
                // Typically the database is unreachable: rows stay where they are, try again later.
                logger.LogWarning(ex, "Outbox dispatch round of {Context} failed", typeof(TContext).Name);
            }

            // A full batch means there is probably more: go again without waiting.
            if (claimed < _options.BatchSize)
            {
                await signal.WaitAsync(_waits.After(claimed, time.GetUtcNow()), stoppingToken);
            }
        }
    }

    /// <summary>One claim-publish-commit round. Returns how many rows were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // The marks' save needs no savepoint: a failure ends the round's transaction whole (see ServiceDbContext).
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var rows = await OutboxClaims.ClaimAsync(db, time.GetUtcNow(), _options.BatchSize, token);
            if (rows.Count == 0)
            {
                // Stryker disable once Statement : equivalent; nothing was locked or written, and disposing the transaction ends it the same way.
                await transaction.CommitAsync(token);
                return 0;
            }

            StampTimings(rows);

            // Keys are independent: their lanes go out side by side, each lane in its own order. Each lane
            // starts on this thread (no hop through the thread pool before the first publish is sent).
            using var slots = new SemaphoreSlim(_options.PublishConcurrency);
            await Task.WhenAll(Lanes(rows).Select(lane => PublishLaneAsync(lane, slots, token)));

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return rows.Count;
        }, ct);
    }

    private void StampTimings(List<OutboxMessage> rows)
    {
        if (!_options.PublishTimings)
        {
            return;
        }

        var claimedAt = time.GetUtcNow();
        foreach (var row in rows)
        {
            row.ClaimedAt = claimedAt;
            row.CommittedAt = signal.TakeCommitTime(row.Id);
        }
    }

    // Rows of one ordering key, oldest first; a row without a key is a lane of its own. Lanes start oldest
    // first, which only decides which take the first publish slots: no order holds between keys.
    private static IEnumerable<List<OutboxMessage>> Lanes(List<OutboxMessage> rows) =>
        rows.GroupBy(r => r.OrderingKey ?? r.Id.ToString())
            .Select(g => g.OrderBy(r => r.Sequence).ToList())
            .OrderBy(lane => lane[0].Sequence);

    private async Task PublishLaneAsync(List<OutboxMessage> lane, SemaphoreSlim slots, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            await PublishLaneAsync(lane, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task PublishLaneAsync(List<OutboxMessage> lane, CancellationToken ct)
    {
        foreach (var row in lane)
        {
            // Publishing continues the trace of the request that raised the event, so its log
            // lines (and a failure's) carry that trace id, as do the consumers' handlers.
            using var activity = StartPublishActivity(row);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.PublishTimeout);
                await publisher.PublishAsync(row, timeout.Token);
                row.PublishedAt = time.GetUtcNow();
                row.Attempts++;
                row.LastError = null;
                metrics.Published(row.Topic);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                row.Attempts++;
                // In whole microseconds, as PostgreSQL stores it: the retry's wait (DispatchWaits) and the claim that takes the
                // row then compare the same instant. With the finer in-memory time the round at the stored time could find the
                // retry not yet due, and wait a fraction of a microsecond again and again while the clock stood there.
                var retryAt = time.GetUtcNow() + OutboxBackoff.Delay(row.Attempts, _options);
                row.NextAttemptAt = retryAt.AddTicks(-(retryAt.Ticks % TimeSpan.TicksPerMicrosecond));
                row.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
                _waits.RetryAt(row.NextAttemptAt);
                metrics.PublishFailed(row.Topic);
                logger.LogWarning(ex, "Publishing event {EventId} to {Topic} failed (attempt {Attempts}); retrying at {NextAttemptAt}",
                    row.Id, row.Topic, row.Attempts, row.NextAttemptAt);

                // Later rows of this key must wait for this one: that is the ordering guarantee.
                return;
            }
        }
    }

    private static Activity? StartPublishActivity(OutboxMessage row)
    {
        if (row.TraceParent is null || !ActivityContext.TryParse(row.TraceParent, null, out var parent))
        {
            return null;
        }

        // A plain Activity (not from an ActivitySource) starts even when nothing listens, so the log
        // correlation does not depend on tracing being exported.
        var activity = new Activity($"outbox publish {row.Topic}");
        activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        return activity.Start();
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var prune = now >= _nextPrune;
        var count = now >= _nextPendingCount;
        if (!prune && !count)
        {
            // Most rounds: no scope, no connection, no query.
            // Stryker disable once Statement,Block : equivalent; without it a scope is made and nothing is asked of it.
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (prune)
        {
            var pruned = await OutboxClaims.PruneAsync(db, now - _options.Retention, ct);
            if (pruned > 0)
            {
                logger.LogInformation("Pruned {Count} published outbox rows of {Context}", pruned, typeof(TContext).Name);
            }

            _nextPrune = now + _options.PruneInterval;
        }

        if (count)
        {
            metrics.SetPending(typeof(TContext).Name, await OutboxClaims.CountPendingAsync(db, ct));
            _nextPendingCount = now + _options.PendingCountInterval;
        }
    }

    // Stryker disable once Equality : "<" is equivalent (a text of exactly the length is itself cut to the length); ">" is killed, and goes with it.
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Exponential backoff with jitter, so replicas and rows do not retry in lockstep.</summary>
internal static class OutboxBackoff
{
    public static TimeSpan Delay(int attempts, OutboxOptions options)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // "Equal jitter": at least half the ceiling, so a failing row still slows down.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace G2B.Eventing;

/// <summary>
/// Wakes the dispatcher of <typeparamref name="TContext"/> when this process has just committed
/// outbox rows, so publication does not wait for the next poll. Signals coalesce.
/// </summary>
public sealed class OutboxSignal<TContext>
    where TContext : DbContext
{
    // Rows committed here and not yet claimed, with when their commit returned; only with PublishTimings. A row another
    // replica publishes is never taken, so the map is emptied when it grows past this (a diagnostic, not a promise).
    internal const int MaxCommitTimes = 10_000;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset>? _commitTimes;
    private readonly TimeProvider _time = TimeProvider.System;

    public OutboxSignal()
    {
    }

    [ActivatorUtilitiesConstructor]
    public OutboxSignal(IOptions<EventingOptions> options, TimeProvider time)
    {
        _time = time;
        if (options.Value.Outbox.PublishTimings)
        {
            _commitTimes = new();
        }
    }

    /// <summary>Rows of this process have just become durable: notes when (with PublishTimings) and wakes the dispatcher.</summary>
    internal void Committed(IEnumerable<OutboxMessage> rows)
    {
        if (_commitTimes is { } times)
        {
            if (times.Count > MaxCommitTimes)
            {
                times.Clear();
            }

            var now = _time.GetUtcNow();
            foreach (var row in rows)
            {
                times[row.Id] = now;
            }
        }

        Notify();
    }

    /// <summary>When the commit of the row with <paramref name="id"/> returned here, if this process saw it; forgets it.</summary>
    internal DateTimeOffset? TakeCommitTime(Guid id) =>
        _commitTimes is { } times && times.TryRemove(id, out var at) ? at : null;

    // Stryker disable once Initializer : equivalent; with the default FullMode (Wait) TryWrite on a full channel answers false without waiting, and Notify ignores the answer, so a second signal is dropped either way.
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Stryker disable once Boolean : equivalent; the value written is never read, only its presence.
    public void Notify() => _channel.Writer.TryWrite(true);

    // The dispatcher's one pending wait for a signal, kept across timeouts so idle polls neither
    // throw (a cancelled read would raise OperationCanceledException every poll interval) nor
    // pile up waiters on the channel.
    private Task<bool>? _pending;

    /// <summary>Waits for a signal or the timeout, whichever comes first. One caller at a time.</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        // Stryker disable once Assignment : equivalent in what callers see; "=" would leave the earlier waiter registered with the channel until the next signal.
        _pending ??= _channel.Reader.WaitToReadAsync(ct).AsTask();
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(timeout, delay.Token);
        // Stryker disable once Boolean : equivalent; what follows the await (ending the timer, consuming a signal) does the same on any context.
        await Task.WhenAny(_pending, timer).ConfigureAwait(false);
        // Stryker disable once Statement : equivalent; the timer would run out unobserved, nothing awaits it.
        delay.Cancel();
        if (_pending.IsCompleted)
        {
            // Completed: a signal (consume it) or, when stopping, cancellation (nothing to consume).
            _pending = null;
            _channel.Reader.TryRead(out _);
        }
    }
}

namespace G2B.Eventing;

/// <summary>
/// How long the dispatcher waits for a signal after a round that did not fill its batch. After a round that
/// claimed rows: <see cref="OutboxOptions.PollInterval"/>. After empty rounds: the poll interval, then twice
/// the last wait, up to <see cref="OutboxOptions.IdlePollInterval"/> (or the poll interval, when that is the
/// longer); a round that claims rows starts the doubling again. Never past the earliest retry of a row this
/// dispatcher failed to publish: that row's key waits on it. A commit's signal ends any wait at once.
/// Thread-safe for <see cref="RetryAt"/> (the publishing lanes fail side by side); the rest is the loop's.
/// </summary>
internal sealed class DispatchWaits(OutboxOptions options)
{
    private readonly Lock _lock = new();
    private TimeSpan _idle;
    private DateTimeOffset? _retryDue;

    /// <summary>The earliest retry this dispatcher is waiting for, if any.</summary>
    public DateTimeOffset? RetryDue
    {
        get
        {
            lock (_lock)
            {
                return _retryDue;
            }
        }
    }

    /// <summary>A row failed to publish and falls due again at <paramref name="at"/>; the earliest of them is kept.</summary>
    public void RetryAt(DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_retryDue is not { } due || at < due)
            {
                _retryDue = at;
            }
        }
    }

    /// <summary>A round starts at <paramref name="now"/>: a retry due by then is this round's (a row failing again sets the next).</summary>
    public void RoundStarting(DateTimeOffset now)
    {
        lock (_lock)
        {
            // Stryker disable once Equality : equivalent; a retry due exactly now and kept makes the next wait zero, and that round clears it.
            if (_retryDue <= now)
            {
                _retryDue = null;
            }
        }
    }

    /// <summary>The wait after a round that claimed <paramref name="claimed"/> rows (fewer than a batch), at <paramref name="now"/>.</summary>
    public TimeSpan After(int claimed, DateTimeOffset now)
    {
        _idle = claimed > 0 ? TimeSpan.Zero : NextIdle(_idle);
        var wait = claimed > 0 ? options.PollInterval : _idle;
        if (RetryDue is not { } due)
        {
            return wait;
        }

        var untilDue = due - now;
        // Stryker disable once Equality : equivalent; at the boundaries both sides give the same wait (zero, or untilDue == wait).
        return untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue < wait ? untilDue : wait;
    }

    private TimeSpan NextIdle(TimeSpan previous)
    {
        // Stryker disable once Equality : equivalent; when the two intervals are equal either is the longest.
        var longest = options.IdlePollInterval > options.PollInterval ? options.IdlePollInterval : options.PollInterval;
        var doubled = previous == TimeSpan.Zero ? options.PollInterval : previous * 2;
        // Stryker disable once Equality : equivalent; doubled == longest gives longest either way.
        return doubled < longest ? doubled : longest;
    }
}

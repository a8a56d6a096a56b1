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
    private readonly IdleBackoff _idle = new();
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
        TimeSpan wait;
        if (claimed > 0)
        {
            _idle.Reset();
            wait = options.PollInterval;
        }
        else
        {
            wait = _idle.Next(options.PollInterval, options.IdlePollInterval);
        }

        // An overdue retry: a round at once (that round takes it, RoundStarting).
        return IdleBackoff.Until(wait, now, RetryDue, TimeSpan.Zero);
    }
}

namespace G2B.Eventing;

/// <summary>
/// The wait of a loop that looks for due work and found none (the outbox dispatcher, the notifications' senders):
/// the first interval, then twice the last wait with each further empty look, up to the longest (or the first, when
/// that is the longer); a look that found work starts again from the first. A signal should end any such wait at
/// once: the doubling only spaces out the safety-net polls. Not thread-safe: one per loop.
/// </summary>
public sealed class IdleBackoff
{
    private TimeSpan _last;

    /// <summary>A look found work: the next empty one waits the first interval again.</summary>
    public void Reset() => _last = TimeSpan.Zero;

    /// <summary>The wait after one more empty look.</summary>
    public TimeSpan Next(TimeSpan first, TimeSpan longest)
    {
        // Stryker disable once Equality : equivalent; when the two intervals are equal either is the longest.
        var ceiling = longest > first ? longest : first;
        var doubled = _last == TimeSpan.Zero ? first : _last * 2;
        // Stryker disable once Equality : equivalent; doubled == ceiling gives the ceiling either way.
        _last = doubled < ceiling ? doubled : ceiling;
        return _last;
    }

    /// <summary>
    /// <paramref name="wait"/>, but no later than <paramref name="due"/> (the earliest known work: a retry, a lease's
    /// end) and no sooner than <paramref name="soonest"/> from <paramref name="now"/>.
    /// </summary>
    public static TimeSpan Until(TimeSpan wait, DateTimeOffset now, DateTimeOffset? due, TimeSpan soonest)
    {
        // Stryker disable once Equality : equivalent; untilDue == wait gives the same wait either way.
        if (due is not { } at || at - now >= wait)
        {
            return wait;
        }

        // Stryker disable once Equality : equivalent; untilDue == soonest gives the same wait either way.
        return at - now > soonest ? at - now : soonest;
    }
}

namespace Notifications.Api;

/// <summary>
/// How long a sender that found nothing to claim waits before it looks again (unless its signal wakes
/// it first): <see cref="RetryingSenderOptions.PollInterval"/>, doubling with each empty look up to
/// <see cref="RetryingSenderOptions.IdlePollInterval"/>, but never past the moment the earliest pending
/// message falls due (its retry, or the end of a lease another sender abandoned). One per sender loop.
/// </summary>
internal sealed class IdleWait
{
    // A message due now that a look did not claim (claimed elsewhere meanwhile) is looked at again this soon, not in a tight loop.
    private static readonly TimeSpan Soonest = TimeSpan.FromMilliseconds(100);

    private TimeSpan _last;

    /// <summary>A look claimed something: the next empty one starts from the poll interval again.</summary>
    public void Reset() => _last = TimeSpan.Zero;

    /// <param name="nextDue">When the earliest pending message falls due; null when none is pending.</param>
    public TimeSpan Next(RetryingSenderOptions options, DateTimeOffset now, DateTimeOffset? nextDue)
    {
        var longest = options.IdlePollInterval > options.PollInterval ? options.IdlePollInterval : options.PollInterval;
        var doubled = _last == TimeSpan.Zero ? options.PollInterval : _last * 2;
        _last = doubled < longest ? doubled : longest;
        if (nextDue is not { } due || due - now >= _last)
        {
            return _last;
        }

        return due - now > Soonest ? due - now : Soonest;
    }
}

namespace Notifications.Api;

/// <summary>
/// What the two senders of queued messages (mails, webhooks) share: each attempt is abandoned after
/// <see cref="Timeout"/>, a failed message waits <see cref="Backoff"/> before the next one, and is given up
/// once it has failed for <see cref="RetryWindow"/> since it was queued. Defaults are each sender's own.
/// </summary>
public abstract class RetryingSenderOptions
{
    public bool SenderEnabled { get; set; } = true;

    /// <summary>One attempt is abandoned (and retried later) after this long.</summary>
    public TimeSpan Timeout { get; set; }

    public TimeSpan RetryBaseDelay { get; set; }

    public TimeSpan RetryMaxDelay { get; set; }

    /// <summary>A message still failing this long after it was queued is given up.</summary>
    public TimeSpan RetryWindow { get; set; }

    /// <summary>
    /// The first wait of a sender that found nothing due; each further empty look doubles it, up to
    /// <see cref="IdlePollInterval"/>. A message queued (here or by another replica, through LISTEN/NOTIFY)
    /// wakes it at once, and a message's retry or an abandoned lease is waited for exactly.
    /// </summary>
    public TimeSpan PollInterval { get; set; }

    /// <summary>The longest wait of an idle sender: only the safety net for a wake-up that was lost (the LISTEN connection down).</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a sender that found nothing to claim waits (unless its signal wakes it first): the idle back-off from
    /// <see cref="PollInterval"/> to <see cref="IdlePollInterval"/>, but never past the moment the earliest pending
    /// message falls due (<paramref name="nextDue"/>: its retry, or the end of a lease another sender abandoned).
    /// A message due now that a look did not claim (claimed elsewhere meanwhile) is looked at again after 100 ms,
    /// not in a tight loop.
    /// </summary>
    internal TimeSpan IdleWait(IdleBackoff backoff, DateTimeOffset now, DateTimeOffset? nextDue) =>
        IdleBackoff.Until(backoff.Next(PollInterval, IdlePollInterval), now, nextDue, TimeSpan.FromMilliseconds(100));

    /// <summary>Exponential from the base delay, capped, with full jitter in its upper half.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }
}

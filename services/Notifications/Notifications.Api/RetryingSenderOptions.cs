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

    public TimeSpan PollInterval { get; set; }

    /// <summary>Exponential from the base delay, capped, with full jitter in its upper half.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }
}

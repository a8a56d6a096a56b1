namespace G2B.DaprSidecar.Components;

/// <summary>A Dapr resiliency retry policy: <c>constant</c> or <c>exponential</c>.</summary>
public sealed record RetryPolicy(bool Exponential, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries)
{
    // Dapr builds exponential back-off with cenkalti/backoff defaults: 500 ms start, x1.5, +/-50% jitter.
    private static readonly TimeSpan InitialInterval = TimeSpan.FromMilliseconds(500);
    private const double Multiplier = 1.5;
    private const double Randomization = 0.5;

    public static RetryPolicy Constant(TimeSpan duration, int maxRetries) =>
        new(false, duration, TimeSpan.FromSeconds(60), maxRetries);

    /// <summary>True while another attempt is allowed after <paramref name="retriesDone"/> retries (-1 = forever).</summary>
    public bool MayRetry(int retriesDone) => MaxRetries < 0 || retriesDone < MaxRetries;

    /// <summary>The wait before retry number <paramref name="retry"/> (0-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        if (!Exponential)
        {
            return Duration;
        }

        var baseMs = InitialInterval.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(retry, 60));
        baseMs = Math.Min(baseMs, MaxInterval.TotalMilliseconds);
        var jitter = 1 + ((Random.Shared.NextDouble() * 2) - 1) * Randomization;
        return TimeSpan.FromMilliseconds(Math.Min(baseMs * jitter, MaxInterval.TotalMilliseconds));
    }
}

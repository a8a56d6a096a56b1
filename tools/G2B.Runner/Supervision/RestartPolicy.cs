namespace G2B.Runner.Supervision;

/// <summary>
/// How long to wait before starting a process that died: doubling from <see cref="InitialDelay"/>
/// up to <see cref="MaxDelay"/> while it keeps dying, back to the start once a run lasted
/// <see cref="StableAfter"/> (Kubernetes' CrashLoopBackOff does the same, with longer times).
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter)
{
    public static RestartPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <param name="crashesInARow">1 for the first crash after a stable run.</param>
    public TimeSpan DelayFor(int crashesInARow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(crashesInARow, 1);
        // Capped exponent: 2^20 s is far beyond any sensible maximum, and no overflow.
        var factor = Math.Pow(2, Math.Min(crashesInARow - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < InitialDelay ? InitialDelay : delay;
    }
}

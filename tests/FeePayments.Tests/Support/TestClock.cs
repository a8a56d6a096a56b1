namespace FeePayments.Tests.Support;

/// <summary>
/// A settable "now" for expiry and signature windows. Only GetUtcNow is overridden: timers and
/// timestamps stay real, so HTTP timeouts and retries in the same process behave as in production.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// The idle back-off the dispatcher and the notifications' senders share: its bound by the earliest known work and its
/// floor (the doubling itself is checked, round by round, in <see cref="DispatchWaitsTests"/>).
/// </summary>
public sealed class IdleBackoffTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan _wait = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan _soonest = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Without_known_work_or_with_work_after_it_the_wait_stands()
    {
        IdleBackoff.Until(_wait, _now, null, _soonest).Should().Be(_wait);
        IdleBackoff.Until(_wait, _now, _now.AddSeconds(5), _soonest).Should().Be(_wait);
    }

    [Fact]
    public void Work_due_sooner_shortens_the_wait_to_it_but_not_below_the_floor()
    {
        IdleBackoff.Until(_wait, _now, _now.AddMilliseconds(500), _soonest).Should().Be(TimeSpan.FromMilliseconds(500));
        IdleBackoff.Until(_wait, _now, _now.AddMilliseconds(30), _soonest).Should().Be(_soonest);
        IdleBackoff.Until(_wait, _now, _now.AddSeconds(-1), _soonest).Should().Be(_soonest, "work due already is looked at after the floor, not in a tight loop");
    }

    [Fact]
    public void A_reset_starts_the_doubling_from_the_first_interval()
    {
        var backoff = new IdleBackoff();
        var (first, longest) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        new[] { backoff.Next(first, longest), backoff.Next(first, longest), backoff.Next(first, longest) }
            .Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        backoff.Reset();
        backoff.Next(first, longest).Should().Be(first);
    }
}

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// The dispatcher's waits between rounds, exactly: the doubling of an idle dispatcher, its reset by a round that
/// claimed rows, the poll interval as the floor and (when longer) the ceiling, and a failed row's retry as a bound.
/// </summary>
public sealed class DispatchWaitsTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static DispatchWaits Waits(int pollMs = 100, int idleMs = 800) =>
        new(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(pollMs), IdlePollInterval = TimeSpan.FromMilliseconds(idleMs) });

    private static double[] Rounds(DispatchWaits waits, params int[] claimed) =>
        [.. claimed.Select(c => waits.After(c, _now).TotalMilliseconds)];

    [Fact]
    public void Empty_rounds_wait_the_poll_interval_then_twice_the_last_wait_up_to_the_idle_interval()
    {
        Rounds(Waits(), 0, 0, 0, 0, 0, 0).Should().Equal(100, 200, 400, 800, 800, 800);
        Rounds(Waits(idleMs: 500), 0, 0, 0, 0).Should().Equal(100, 200, 400, 500);
    }

    [Fact]
    public void A_round_that_claimed_rows_waits_the_poll_interval_and_starts_the_doubling_again()
    {
        Rounds(Waits(), 0, 0, 0, 3, 0, 0, 1, 0).Should().Equal(100, 200, 400, 100, 100, 200, 100, 100);
    }

    [Fact]
    public void A_poll_interval_longer_than_the_idle_one_is_every_wait()
    {
        Rounds(Waits(pollMs: 5_000, idleMs: 1_000), 0, 0, 2, 0).Should().Equal(5_000, 5_000, 5_000, 5_000);
    }

    [Fact]
    public void A_failed_rows_retry_shortens_a_longer_wait_to_the_time_left_and_never_lengthens_one()
    {
        var waits = Waits();
        Rounds(waits, 0, 0, 0).Should().Equal(100, 200, 400);
        waits.RetryAt(_now.AddMilliseconds(650));
        waits.After(0, _now).Should().Be(TimeSpan.FromMilliseconds(650), "the idle wait would be 800 ms");
        waits.After(0, _now.AddMilliseconds(600)).Should().Be(TimeSpan.FromMilliseconds(50), "50 ms are left");
        waits.After(2, _now).Should().Be(TimeSpan.FromMilliseconds(100), "the poll interval is sooner than the retry");
        waits.After(0, _now.AddSeconds(1)).Should().Be(TimeSpan.Zero, "the retry is overdue");
    }

    [Fact]
    public void Of_several_failed_rows_the_earliest_retry_is_the_one_waited_for()
    {
        var waits = Waits(idleMs: 10_000);
        waits.RetryAt(_now.AddMilliseconds(300));
        waits.RetryAt(_now.AddMilliseconds(120));
        waits.RetryAt(_now.AddMilliseconds(200));

        waits.RetryDue.Should().Be(_now.AddMilliseconds(120));
        waits.After(0, _now).Should().Be(TimeSpan.FromMilliseconds(100));
        waits.After(0, _now).Should().Be(TimeSpan.FromMilliseconds(120));
    }

    [Fact]
    public void The_round_at_or_after_a_retry_takes_it_so_the_waits_after_it_are_not_zero()
    {
        var waits = Waits();
        waits.RetryAt(_now.AddMilliseconds(50));

        waits.RoundStarting(_now);
        waits.RetryDue.Should().Be(_now.AddMilliseconds(50), "a round before the retry is not the retry's");
        waits.After(0, _now).Should().Be(TimeSpan.FromMilliseconds(50));

        waits.RoundStarting(_now.AddMilliseconds(60));
        waits.RetryDue.Should().BeNull();
        waits.After(0, _now.AddMilliseconds(60)).Should().Be(TimeSpan.FromMilliseconds(200), "the idle doubling goes on: no busy loop on a past retry");
    }

    [Fact]
    public async Task Lanes_that_fail_side_by_side_keep_the_earliest_retry()
    {
        var waits = Waits();
        await Parallel.ForAsync(1, 2_001, (i, _) =>
        {
            waits.RetryAt(_now.AddMilliseconds(i));
            return ValueTask.CompletedTask;
        });

        waits.RetryDue.Should().Be(_now.AddMilliseconds(1));
    }
}

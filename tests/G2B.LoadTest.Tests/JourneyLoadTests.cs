using G2B.Journey;
using HdrHistogram;

namespace G2B.LoadTest.Tests;

/// <summary>
/// Closed and open load: a closed load keeps its workers busy back to back; an open one starts each journey on its
/// turn whatever the others are doing, at most the concurrency at once, and counts the starts a full house delayed.
/// </summary>
public sealed class JourneyLoadTests
{
    private int _running;
    private int _mostAtOnce;

    private Func<CancellationToken, Task<JourneyResult>> Journey(TimeSpan takes) => async ct =>
    {
        var now = Interlocked.Increment(ref _running);
        lock (this)
        {
            _mostAtOnce = Math.Max(_mostAtOnce, now);
        }

        await Task.Delay(takes, ct);
        Interlocked.Decrement(ref _running);
        return new JourneyResult("s", "RC", Guid.NewGuid(), "RF", "tx", "L", takes);
    };

    [Fact]
    public async Task An_open_load_starts_journeys_on_their_turn_and_lets_them_overlap()
    {
        var load = new JourneyLoad(Journey(TimeSpan.FromMilliseconds(300)), TextWriter.Null);

        await load.RunAsync(10, concurrency: 10, rate: 50);

        load.Completed.Should().Be(10);
        load.LateStarts.Should().Be(0);
        // The tenth starts at 9/50 s and takes 0.3 s: about 0.48 s (timers may end a few ms early; all ten at once, as a
        // closed load would start them, take 0.3 s), and they overlapped to do it.
        load.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(440));
        _mostAtOnce.Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task An_open_load_with_every_place_taken_starts_late_and_says_how_many()
    {
        var load = new JourneyLoad(Journey(TimeSpan.FromMilliseconds(200)), TextWriter.Null);

        await load.RunAsync(4, concurrency: 1, rate: 50);

        load.Completed.Should().Be(4);
        _mostAtOnce.Should().Be(1);
        load.LateStarts.Should().Be(3, "each journey after the first found the one place taken (200 ms journeys, turns 20 ms apart)");
    }

    [Fact]
    public async Task A_closed_load_runs_its_workers_back_to_back_without_a_schedule()
    {
        var load = new JourneyLoad(Journey(TimeSpan.Zero), TextWriter.Null);

        await load.RunAsync(20, concurrency: 2);

        load.Completed.Should().Be(20);
        load.LateStarts.Should().Be(0);
        _mostAtOnce.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Each_step_of_the_completed_journeys_is_reported_in_the_order_they_ran()
    {
        var load = new JourneyLoad(_ => Task.FromResult(new JourneyResult("s", "RC", Guid.NewGuid(), "RF", "tx", "L", TimeSpan.FromSeconds(1))
        {
            Steps = [new JourneyStep("register", TimeSpan.FromMilliseconds(30)), new JourneyStep("pay", TimeSpan.FromMilliseconds(700))],
        }), TextWriter.Null);

        await load.RunAsync(3, concurrency: 1);

        load.Steps.Select(s => s.Name).Should().Equal("register", "pay");
        load.Steps.Should().AllSatisfy(s => s.Took.TotalCount.Should().Be(3));
        TimeSpan.FromTicks(load.Steps[1].Took.GetValueAtPercentile(50)).TotalMilliseconds.Should().BeApproximately(700, 1);
        load.Journey.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task An_open_load_records_how_late_each_journey_started_after_its_turn()
    {
        var load = new JourneyLoad(Journey(TimeSpan.FromMilliseconds(200)), TextWriter.Null);

        await load.RunAsync(3, concurrency: 1, rate: 50);

        load.StartDelay.TotalCount.Should().Be(3);
        // The third's turn is at 40 ms; it starts when the second ends, after 400 ms: well over 100 ms late.
        TimeSpan.FromTicks(load.StartDelay.GetMaxValue()).Should().BeGreaterThan(TimeSpan.FromMilliseconds(100));
    }
}

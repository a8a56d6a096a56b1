using System.Threading.Channels;
using G2B.Runner.Supervision;
using Microsoft.Extensions.Time.Testing;

namespace G2B.Runner.Tests;

/// <summary>
/// The restart logic on a fake clock: a fake unit whose "process" dies when the test says so.
/// Nothing here waits for real time; the clock only moves when the test advances it.
/// </summary>
public sealed class SupervisorTests
{
    private static readonly RestartPolicy _policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60));

    [Fact]
    public void The_backoff_doubles_up_to_its_maximum()
    {
        Enumerable.Range(1, 6).Select(n => _policy.DelayFor(n).TotalSeconds).Should().Equal(1, 2, 4, 8, 8, 8);
        RestartPolicy.Default.DelayFor(1000).Should().Be(RestartPolicy.Default.MaxDelay);
    }

    [Fact]
    public async Task A_crash_is_reported_and_restarted_after_the_delay_not_before()
    {
        var unit = new FakeUnit();
        await using var run = unit.Supervise();

        unit.Crash(137);
        await run.LogShowsAsync("fake exited (exit code 137); restart 1 in 1 s");
        unit.Starts.Should().Be(0, "the backoff has not passed yet");

        run.Clock.Advance(TimeSpan.FromSeconds(1));
        await run.LogShowsAsync("fake is back after restart 1 (1 successful so far)");
        unit.Starts.Should().Be(1);
        run.Supervisor.Restarts.Should().Be(1);
    }

    [Fact]
    public async Task Crashes_in_a_row_wait_longer_each_time_and_a_stable_run_resets_the_backoff()
    {
        var unit = new FakeUnit();
        await using var run = unit.Supervise();

        foreach (var (attempt, delay) in new[] { (1, 1), (2, 2), (3, 4), (4, 8), (5, 8) })
        {
            unit.Crash(1);
            await run.LogShowsAsync($"restart {attempt} in {delay} s");
            run.Clock.Advance(TimeSpan.FromSeconds(delay));
            await run.LogShowsAsync($"back after restart {attempt} ");
        }

        run.Clock.Advance(TimeSpan.FromSeconds(60));
        unit.Crash(1);
        await run.LogShowsAsync("restart 6 in 1 s");
    }

    [Fact]
    public async Task A_restart_that_fails_is_tried_again_with_a_longer_delay()
    {
        var unit = new FakeUnit { FailNextStart = true };
        await using var run = unit.Supervise();

        unit.Crash(1);
        await run.LogShowsAsync("restart 1 in 1 s");
        run.Clock.Advance(TimeSpan.FromSeconds(1));
        await run.LogShowsAsync("fake did not come back on restart 1: port in use");
        await run.LogShowsAsync("restart 2 in 2 s");
        run.Clock.Advance(TimeSpan.FromSeconds(2));
        await run.LogShowsAsync("fake is back after restart 2 (1 successful so far)");
    }

    [Fact]
    public async Task A_deliberate_stop_restarts_nothing_even_when_the_process_exits_with_it()
    {
        var unit = new FakeUnit();
        var run = unit.Supervise();

        // Ctrl-C: supervision ends first, then the processes exit.
        await run.DisposeAsync();
        unit.Crash(130);
        run.Clock.Advance(TimeSpan.FromMinutes(5));

        unit.Starts.Should().Be(0);
        run.Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stop_during_the_backoff_cancels_the_pending_restart()
    {
        var unit = new FakeUnit();
        var run = unit.Supervise();
        unit.Crash(137);
        await run.LogShowsAsync("restart 1 in 1 s");

        await run.DisposeAsync();
        run.Clock.Advance(TimeSpan.FromSeconds(10));

        unit.Starts.Should().Be(0);
    }

    private sealed class FakeUnit
    {
        private readonly Channel<int> _exits = Channel.CreateUnbounded<int>();
        private int _starts;

        public bool FailNextStart { get; set; }

        public int Starts => Volatile.Read(ref _starts);

        public void Crash(int exitCode) => _exits.Writer.TryWrite(exitCode);

        public Run Supervise()
        {
            var unit = new SupervisedUnit("fake", async ct => await _exits.Reader.ReadAsync(ct), StartAsync);
            return new Run(unit);
        }

        private Task StartAsync(CancellationToken ct)
        {
            if (FailNextStart)
            {
                FailNextStart = false;
                // The process died at once: its exit is what the supervisor sees next.
                Crash(1);
                throw new InvalidOperationException("port in use");
            }

            Interlocked.Increment(ref _starts);
            return Task.CompletedTask;
        }
    }

    private sealed class Run : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _lines = [];
        private readonly Task _running;

        public Run(SupervisedUnit unit)
        {
            Supervisor = new Supervisor(unit, _policy, Clock, line => { lock (_lines) { _lines.Add(line); } });
            _running = Supervisor.RunAsync(_stop.Token);
        }

        public FakeTimeProvider Clock { get; } = new();

        public Supervisor Supervisor { get; }

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) { return [.. _lines]; } }
        }

        public Task LogShowsAsync(string text) =>
            Eventually.HoldsAsync(() => Lines.Any(l => l.Contains(text, StringComparison.Ordinal)), $"the log shows '{text}'");

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
        }
    }
}

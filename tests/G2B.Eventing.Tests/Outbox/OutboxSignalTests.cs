using Microsoft.Extensions.Options;

namespace G2B.Eventing.Tests.Outbox;

// The dispatcher waits on this signal between polls, all day long: an idle wait must cost no
// exception (the load run counted one per poll interval per service before). FirstChanceException
// sees the whole process, so this class runs alone: other tests' cancellations would be counted.
[Collection(OutboxSignalTests.Alone)]
public sealed class OutboxSignalTests
{
    public const string Alone = "outbox-signal-alone";

    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    [Fact]
    public void Commit_times_are_kept_for_up_to_the_bound_and_then_forgotten_together()
    {
        var signal = new OutboxSignal<EventingTestDbContext>(
            Options.Create(new EventingOptions { Outbox = { PublishTimings = true } }), TimeProvider.System);
        static OutboxMessage Row() => new() { Id = Guid.NewGuid(), Topic = "t", EventType = "e", Payload = "{}" };
        var rows = Enumerable.Range(0, OutboxSignal<EventingTestDbContext>.MaxCommitTimes).Select(_ => Row()).ToList();

        signal.Committed(rows);
        signal.Committed([Row()]);
        signal.TakeCommitTime(rows[0].Id).Should().NotBeNull("the map held the bound, so it was not emptied");
        signal.TakeCommitTime(rows[0].Id).Should().BeNull("a time is taken once");

        signal.Committed([Row()]);
        var last = Row();
        signal.Committed([last]);
        signal.TakeCommitTime(rows[1].Id).Should().BeNull("past the bound the map was emptied");
        signal.TakeCommitTime(last.Id).Should().NotBeNull("the rows that emptied it are kept");
    }

    [Fact]
    public void Without_publish_timings_no_commit_time_is_kept()
    {
        var signal = new OutboxSignal<EventingTestDbContext>(Options.Create(new EventingOptions()), TimeProvider.System);
        var row = new OutboxMessage { Id = Guid.NewGuid(), Topic = "t", EventType = "e", Payload = "{}" };

        signal.Committed([row]);

        signal.TakeCommitTime(row.Id).Should().BeNull();
    }

    [Fact]
    public async Task Idle_waits_that_time_out_raise_no_exception()
    {
        var signal = new OutboxSignal<EventingTestDbContext>();
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is OperationCanceledException)
            {
                Interlocked.Increment(ref thrown);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None).WaitAsync(Guard);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        thrown.Should().Be(0);
    }

    [Fact]
    public async Task A_signal_ends_the_wait_and_is_consumed_once_even_after_idle_timeouts()
    {
        var signal = new OutboxSignal<EventingTestDbContext>();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None).WaitAsync(Guard);

        signal.Notify();
        signal.Notify(); // coalesces with the first
        await signal.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None).WaitAsync(Guard);

        // Nothing left: the next wait runs to its timeout instead of returning at once on a stale signal.
        var next = signal.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None);
        await Task.Delay(50);
        next.IsCompleted.Should().BeFalse();

        signal.Notify();
        await next.WaitAsync(Guard);
    }

    [Fact]
    public async Task Stopping_ends_the_wait()
    {
        var signal = new OutboxSignal<EventingTestDbContext>();
        using var stop = new CancellationTokenSource();
        var wait = signal.WaitAsync(TimeSpan.FromHours(1), stop.Token);
        await stop.CancelAsync();
        await wait.WaitAsync(Guard);
        wait.IsCompletedSuccessfully.Should().BeTrue();
    }
}

[CollectionDefinition(OutboxSignalTests.Alone, DisableParallelization = true)]
public sealed class OutboxSignalAloneCollection;

using G2B.LoadTest.Measurement;

namespace G2B.LoadTest.Tests;

/// <summary>The exception count over EventPipe, on this very process (the diagnostic socket every .NET process opens).</summary>
public sealed class ExceptionCounterTests
{
    [Fact]
    public async Task Every_first_chance_throw_of_the_window_is_counted_by_type()
    {
        var counter = ExceptionCounter.Start([("test host", Environment.ProcessId)]);
        counter.Unattached.Should().BeEmpty();

        for (var i = 0; i < 7; i++)
        {
            try
            {
                throw new CountedOnPurposeException();
            }
            catch (CountedOnPurposeException)
            {
                // Caught at once: still a first-chance exception the runtime reports.
            }
        }

        var counts = await counter.StopAsync();

        var host = counts.Should().ContainSingle().Which;
        host.Process.Should().Be("test host");
        host.Types.Should().Contain((typeof(CountedOnPurposeException).FullName!, 7));
        host.Total.Should().BeGreaterThanOrEqualTo(7);
    }

    [Fact]
    public async Task A_sessions_blocking_reader_holds_no_thread_of_the_pool()
    {
        // Each session's reader blocks for the whole window; on a pool thread, 13 of them starved the journeys they measure.
        var counter = ExceptionCounter.Start([("test host", Environment.ProcessId)]);
        try
        {
            await WaitUntilAsync(() => counter.ReadersOnPoolThreads is not null);
            counter.ReadersOnPoolThreads.Should().Be(0);
        }
        finally
        {
            await counter.StopAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public void A_process_that_is_not_there_is_named_as_not_attached()
    {
        var counter = ExceptionCounter.Start([("gone", int.MaxValue)]);

        counter.Unattached.Should().ContainSingle().Which.Should().StartWith("gone (");
    }
}

/// <summary>Thrown only by the test above, so its count is exact whatever else this process throws.</summary>
internal sealed class CountedOnPurposeException : Exception;

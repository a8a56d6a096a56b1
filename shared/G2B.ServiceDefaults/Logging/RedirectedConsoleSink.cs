using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace G2B.ServiceDefaults;

/// <summary>
/// The console when a machine reads it (the runner, a container runtime): events are queued and one task formats
/// them into a buffered stream, written once for everything queued meanwhile. Serilog.Sinks.Async with the console
/// sink wrote each line with its own write() and its consumer spun (SpinWait, sched_yield) for every event: together
/// 0.1 ms of the gateway's CPU per proxied request (docs/benchmarks.md, "Issue 16, session 11"). As before, nothing
/// is dropped: a full queue blocks the writer, as the console did, and disposing writes out what is queued.
/// </summary>
internal sealed class RedirectedConsoleSink : ILogEventSink, IDisposable
{
    private const int WriteBufferBytes = 64 * 1024;

    private readonly Channel<LogEvent> _queue;
    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly Task _pump;

    public RedirectedConsoleSink(Stream output, ITextFormatter formatter, int capacity)
    {
        _formatter = formatter;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), WriteBufferBytes, leaveOpen: true);
        _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _pump = Task.Run(PumpAsync);
    }

    public void Emit(LogEvent logEvent)
    {
        if (_queue.Writer.TryWrite(logEvent))
        {
            return;
        }

        try
        {
            // Full: the reader of the pipe is behind. Wait for room, as a console write would have.
            _queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            SelfLog.WriteLine("A log event arrived after the console sink was disposed: {0}", logEvent.MessageTemplate);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _pump.GetAwaiter().GetResult();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var logEvent))
            {
                try
                {
                    _formatter.Format(logEvent, _output);
                }
                catch (Exception e)
                {
                    SelfLog.WriteLine("Formatting a log event for the console failed: {0}", e);
                }
            }

            // One write for the batch: one line when the service is quiet, many under load.
            try
            {
                _output.Flush();
            }
            catch (IOException e)
            {
                SelfLog.WriteLine("Writing to the console failed: {0}", e);
            }
        }
    }
}

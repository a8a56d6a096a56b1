using G2B.Testing;
using System.Text;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace G2B.ServiceDefaults.Tests;

public sealed class RedirectedConsoleSinkTests
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("Event {Writer} {Seq}");

    [Fact]
    public void The_output_is_the_formatters_lines_in_order()
    {
        var output = new MemoryStream();
        var events = Enumerable.Range(0, 300).Select(i => Event(0, i)).ToList();

        using (var sink = new RedirectedConsoleSink(output, new RenderedCompactJsonFormatter(), capacity: 8))
        {
            events.ForEach(sink.Emit);
        }

        var expected = new StringWriter();
        events.ForEach(e => new RenderedCompactJsonFormatter().Format(e, expected));
        Encoding.UTF8.GetString(output.ToArray()).Should().Be(expected.ToString());
    }

    [Fact]
    public async Task Every_event_from_concurrent_writers_is_written_once_in_each_writers_order()
    {
        var output = new MemoryStream();

        using (var sink = new RedirectedConsoleSink(output, new RenderedCompactJsonFormatter(), capacity: 16))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
            {
                for (var seq = 0; seq < 500; seq++)
                {
                    sink.Emit(Event(writer, seq));
                }
            })));
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Writer: e.GetProperty("Writer").GetInt32(), Seq: e.GetProperty("Seq").GetInt32()))
            .ToList();
        lines.Should().HaveCount(2000);
        foreach (var writer in lines.GroupBy(l => l.Writer))
        {
            writer.Select(l => l.Seq).Should().Equal(Enumerable.Range(0, 500));
        }
    }

    [Fact]
    public async Task A_full_queue_blocks_the_writer_until_the_output_drains_and_drops_nothing()
    {
        var output = new GatedStream();
        var sink = new RedirectedConsoleSink(output, new RenderedCompactJsonFormatter(), capacity: 2);

        var writing = Task.Run(() =>
        {
            for (var seq = 0; seq < 10; seq++)
            {
                sink.Emit(Event(0, seq));
            }
        });

        // Once the drain is stuck in the output, ten events cannot all be queued behind two places.
        await Eventually.HoldsAsync(() => output.Stalled, "the drain to reach the stalled output", TimeSpan.FromSeconds(10));
        writing.IsCompleted.Should().BeFalse("the output is stalled and the queue holds two events");
        output.Open();
        await writing.WaitAsync(TimeSpan.FromSeconds(10));
        sink.Dispose();
        output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(10);
    }

    private static LogEvent Event(int writer, int seq) => new(
        DateTimeOffset.UtcNow, LogEventLevel.Information, null, Template,
        [new LogEventProperty("Writer", new ScalarValue(writer)), new LogEventProperty("Seq", new ScalarValue(seq))]);

    /// <summary>A pipe whose reader is behind until <see cref="Open"/>.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly MemoryStream _written = new();

        public string Text
        {
            get
            {
                lock (_written)
                {
                    return Encoding.UTF8.GetString(_written.ToArray());
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>A write is waiting for <see cref="Open"/>.</summary>
        public bool Stalled => Volatile.Read(ref _waiting) > 0;

        private int _waiting;

        public void Open() => _open.Set();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _waiting);
            _open.Wait();
            Interlocked.Decrement(ref _waiting);
            lock (_written)
            {
                _written.Write(buffer, offset, count);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

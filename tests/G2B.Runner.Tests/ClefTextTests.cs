using System.Globalization;
using G2B.Runner.Cli;
using G2B.Runner.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace G2B.Runner.Tests;

/// <summary>
/// What ./run.sh shows of a service's log: the JSON lines Serilog's own compact formatters write
/// (the services' output is redirected, so they write JSON) rendered as text for a person.
/// </summary>
public sealed class ClefTextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static readonly DateTimeOffset _at = new(2026, 11, 27, 9, 30, 15, 250, TimeSpan.Zero);

    private static string Time => _at.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    [Fact]
    public void A_rendered_event_shows_time_level_message_and_trace_id()
    {
        var line = Clef(new RenderedCompactJsonFormatter(), LogEventLevel.Warning,
            "Payment {Reference} refused: {Reason}", ["RF18539007547034", "amount"], traceId: TraceId);

        ClefText.Render(line).Should().Be($"{Time} WRN Payment \"RF18539007547034\" refused: \"amount\" (trace {TraceId})");
    }

    [Fact]
    public void Information_which_clef_leaves_unnamed_shows_as_INF_and_no_trace_adds_nothing()
    {
        var line = Clef(new RenderedCompactJsonFormatter(), LogEventLevel.Information, "Outbox dispatcher started", []);

        line.Should().NotContain("@l", "CLEF omits the level of Information events");
        ClefText.Render(line).Should().Be($"{Time} INF Outbox dispatcher started");
    }

    [Fact]
    public void A_template_without_a_rendered_message_is_filled_in_from_the_properties()
    {
        var line = Clef(new CompactJsonFormatter(), LogEventLevel.Error,
            "{Count:000} rows for {@Company} in {{braces}}, {Missing} stays", [7, new { Number = "TM-1" }]);

        ClefText.Render(line).Should().Be($"{Time} ERR 7 rows for {{\"Number\":\"TM-1\"}} in {{braces}}, {{Missing}} stays");
    }

    [Fact]
    public void An_exception_follows_on_its_own_lines_each_with_the_process_prefix()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the broker went away");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var line = Clef(new RenderedCompactJsonFormatter(), LogEventLevel.Fatal, "Publishing failed", [], thrown);
        var terminal = new StringWriter();

        new ConsoleOutput(terminal).Line("fee-payments", line);

        var shown = terminal.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        shown[0].Should().Be($"fee-payments | {Time} FTL Publishing failed");
        shown[1].Should().Be("fee-payments | System.InvalidOperationException: the broker went away");
        shown.Skip(2).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("fee-payments |    at ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_of_several_lines_reaches_a_file_or_pipe_in_one_write()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the broker went away");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var line = Clef(new RenderedCompactJsonFormatter(), LogEventLevel.Error, "Publishing failed", [], thrown);
        var writes = new WriteRecorder();

        new ConsoleOutput(writes).Line("fee-payments", line);

        // One call per event: lines of two processes written at the same moment cannot interleave inside it.
        writes.Calls.Should().ContainSingle();
        writes.Calls[0].Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Should().HaveCountGreaterThan(2).And.OnlyContain(l => l.StartsWith("fee-payments | ", StringComparison.Ordinal));
    }

    private sealed class WriteRecorder : TextWriter
    {
        public List<string> Calls { get; } = [];

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Calls.Add(value.ToString());

        public override void Write(string? value) => Calls.Add(value ?? "");
    }

    [Theory]
    [InlineData("Now listening on: http://127.0.0.1:5101")]
    [InlineData("{\"not\":\"a log event\"}")]
    [InlineData("{\"@t\":\"yesterday\",\"@m\":\"no time\"}")]
    [InlineData("{\"@t\":\"2026-11-27T09:30:15Z\",\"@m\":")]
    [InlineData("")]
    public void Lines_that_are_not_clef_events_pass_through_unchanged(string line) =>
        ClefText.Render(line).Should().Be(line);

    [Fact]
    public async Task The_log_file_keeps_the_json_while_the_terminal_gets_text()
    {
        var line = Clef(new RenderedCompactJsonFormatter(), LogEventLevel.Information, "Licence {Number} issued", ["L-1"], traceId: TraceId);
        var log = Path.Combine(Directory.CreateTempSubdirectory("g2b-clef").FullName, "svc.log");
        var terminal = new StringWriter();
        var console = new ConsoleOutput(terminal);
        var spec = new ProcessSpec("svc", "/bin/sh", ["-c", "printf '%s\\n' \"$LINE\""], Path.GetTempPath(),
            new Dictionary<string, string> { ["LINE"] = line });

        await using (var process = ManagedProcess.Start(spec, log, console.Line))
        {
            await process.WaitForExitAsync(CancellationToken.None);
            await Eventually.HoldsAsync(() => terminal.ToString().Contains("issued", StringComparison.Ordinal), "the line reaches the terminal");
        }

        File.ReadAllLines(log).Should().Contain(line);
        terminal.ToString().Should().Contain($"svc          | {Time} INF Licence \"L-1\" issued (trace {TraceId})").And.NotContain("\"@t\"");
    }

    /// <summary>One event at a fixed instant (so the expected text does not race the clock), as the formatter writes it.</summary>
    private static string Clef(
        ITextFormatter formatter, LogEventLevel level, string template, object?[] values, Exception? exception = null, string? traceId = null)
    {
        using var logger = new LoggerConfiguration().CreateLogger();
        logger.BindMessageTemplate(template, values, out var parsed, out var bound).Should().BeTrue();
        var properties = bound!.ToList();
        if (traceId is not null)
        {
            properties.Add(new LogEventProperty("TraceId", new ScalarValue(traceId)));
        }

        var writer = new StringWriter();
        formatter.Format(new LogEvent(_at, level, exception, parsed!, properties), writer);
        return writer.ToString().TrimEnd();
    }
}

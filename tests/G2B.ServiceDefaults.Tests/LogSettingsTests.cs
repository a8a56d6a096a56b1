using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace G2B.ServiceDefaults.Tests;

/// <summary>
/// The gateway (a Native AOT binary) reads the Serilog section's levels with <see cref="LogSettings.ReadLevels"/>
/// instead of Serilog.Settings.Configuration: what appsettings, tye.yaml, the manifests and docs/deploy.md set must
/// apply the same way through both.
/// </summary>
public sealed class LogSettingsTests
{
    public static TheoryData<string> Readers => ["levels", "settings"];

    [Theory]
    [MemberData(nameof(Readers))]
    public void The_default_level_and_each_override_apply(string reader)
    {
        var written = Log(reader, new()
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Yarp"] = "Debug",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "error",
        });

        written.Should().BeEquivalentTo([
            "Other Warning", "Other Error",
            "Yarp.Forwarder Debug", "Yarp.Forwarder Information", "Yarp.Forwarder Warning", "Yarp.Forwarder Error",
            "Serilog.AspNetCore.RequestLoggingMiddleware Error",
        ]);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_level_as_the_sections_value_is_the_default_and_the_overrides_set_in_code_stay(string reader)
    {
        var written = Log(reader, new() { ["Serilog:MinimumLevel"] = "Error" });

        written.Should().BeEquivalentTo([
            "Other Error", "Yarp.Forwarder Warning", "Yarp.Forwarder Error", "Serilog.AspNetCore.RequestLoggingMiddleware Error",
        ]);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void No_section_leaves_the_levels_set_in_code(string reader)
    {
        var written = Log(reader, new() { ["Other:Setting"] = "x" });

        written.Should().BeEquivalentTo([
            "Other Information", "Other Warning", "Other Error",
            "Yarp.Forwarder Warning", "Yarp.Forwarder Error",
            "Serilog.AspNetCore.RequestLoggingMiddleware Information", "Serilog.AspNetCore.RequestLoggingMiddleware Warning",
            "Serilog.AspNetCore.RequestLoggingMiddleware Error",
        ]);
    }

    [Fact]
    public void A_level_that_is_not_a_level_fails_the_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Yarp"] = "Loud" })
            .Build();

        var read = () => new LoggerConfiguration().ReadLevels(configuration);

        read.Should().Throw<InvalidOperationException>().WithMessage("'Loud' at Serilog:MinimumLevel:Override:Yarp*");
    }

    [Fact]
    public void Without_the_runtime_switch_a_host_reads_the_whole_section_as_before()
    {
        // This test project sets no switch: services read the whole section (sinks included) as before.
        LogSettings.FromConfiguration.Should().BeTrue();
    }

    /// <summary>What a logger set up as AddG2BLogging sets it up writes, one "source level" per event.</summary>
    private static List<string> Log(string reader, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sink = new Collecting();
        var setup = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning);
        setup = reader == "levels" ? setup.ReadLevels(configuration) : setup.ReadFrom.Configuration(configuration);
        using (var logger = setup.WriteTo.Sink(sink).CreateLogger())
        {
            foreach (var source in new[] { "Other", "Yarp.Forwarder", "Serilog.AspNetCore.RequestLoggingMiddleware" })
            {
                var log = logger.ForContext(Constants.SourceContextPropertyName, source);
                foreach (var level in new[] { LogEventLevel.Debug, LogEventLevel.Information, LogEventLevel.Warning, LogEventLevel.Error })
                {
                    log.Write(level, "{Source} at {Level}", source, level);
                }
            }
        }

        return sink.Events.Select(e => $"{e.Properties[Constants.SourceContextPropertyName].ToString().Trim('"')} {e.Level}").ToList();
    }

    private sealed class Collecting : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}

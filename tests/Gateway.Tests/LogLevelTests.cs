using System.Text.Json.Nodes;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Tests;

/// <summary>
/// The gateway reads its log levels without Serilog.Settings.Configuration (not available in its Native AOT binary):
/// the levels deployments set (appsettings, tye.yaml, the manifests, docs/deploy.md's overrides) still apply.
/// </summary>
public sealed class LogLevelTests
{
    [Fact]
    public void The_gateway_is_built_to_read_levels_only()
    {
        var runtimeConfig = Path.Combine(AppContext.BaseDirectory, "Gateway.runtimeconfig.json");
        var options = JsonNode.Parse(File.ReadAllText(runtimeConfig))!["runtimeOptions"]!["configProperties"]!;

        options[LogSettings.SwitchName]!.GetValue<bool>().Should().BeFalse("Gateway.csproj sets the switch for the binary it builds");
        LogSettings.FromConfiguration.Should().BeFalse("this project sets the same switch, so the tests host the gateway as it runs");
    }

    [Theory]
    [InlineData("Information", true)]
    [InlineData("Warning", false)]
    public async Task The_request_loggers_level_comes_from_an_override_in_configuration(string level, bool logged)
    {
        var sink = new CollectingSink();
        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = level,
            },
            builder => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink)));

        using var response = await gateway.Factory.CreateClient().GetAsync("/api/licence-types");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = sink.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/api/licence-types\"");
        if (logged)
        {
            lines.Should().ContainSingle().Which.Level.Should().Be(LogEventLevel.Information);
        }
        else
        {
            lines.Should().BeEmpty();
        }

        sink.Events.Should().NotContain(e => e.Level < LogEventLevel.Warning && !e.Properties.ContainsKey("RequestPath"),
            "the default level is Warning");
    }

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_events)
            {
                _events.Add(logEvent);
            }
        }
    }
}

using System.Text.Json.Nodes;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Delivery;
using G2B.DaprSidecar.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2B.DaprSidecar.Tests;

public sealed class ResourceAndRuleTests
{
    [Fact]
    public void The_local_components_folder_declares_the_scoped_redis_pubsub_and_an_exponential_inbound_retry()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "components");

        var resources = ResourceLoader.Load(folder, "fee-payments", NullLogger.Instance);

        var pubsub = resources.Find("pubsub")!;
        pubsub.Type.Should().Be("pubsub.redis");
        pubsub.RedisHost.Should().Be("localhost:56379");
        pubsub.Scopes.Should().BeEquivalentTo("company-registry", "licence-applications", "fee-payments", "notifications");
        pubsub.IsScopedTo("fee-payments").Should().BeTrue();
        pubsub.IsScopedTo("demo-bank").Should().BeFalse();
        pubsub.ConsumerId("fee-payments").Should().Be("fee-payments");
        var retry = resources.InboundRetryFor("pubsub")!;
        retry.Exponential.Should().BeTrue();
        retry.MaxRetries.Should().Be(10);
        retry.MaxInterval.Should().Be(TimeSpan.FromSeconds(30));
        retry.DelayBefore(20).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("event.type == \"order.v2\"", true)]
    [InlineData("event.type != \"order.v2\"", false)]
    [InlineData("event.type == 'order.v1' || event.data.kind == \"big\"", true)]
    [InlineData("event.type == \"order.v2\" && event.data.kind == \"small\"", false)]
    public void Route_rules_evaluate_the_cel_subset(string expression, bool expected)
    {
        var ce = new JsonObject { ["type"] = "order.v2", ["data"] = new JsonObject { ["kind"] = "big" } };

        RouteMatcher.Evaluate(expression, ce, out var result).Should().BeTrue();
        result.Should().Be(expected);
    }

    [Fact]
    public void Unsupported_cel_is_reported_instead_of_guessed()
    {
        RouteMatcher.Evaluate("size(event.data) > 2", new JsonObject(), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    public void Go_durations_parse(string text, double milliseconds)
    {
        GoDuration.TryParse(text, out var value).Should().BeTrue();
        value.TotalMilliseconds.Should().Be(milliseconds);
    }

    [Fact]
    public void Daprd_flags_and_token_variables_are_understood()
    {
        string[] args =
        [
            "--app-id", "fee-payments", "--app-port", "5103", "--app-protocol", "http", "--dapr-http-port", "3503",
            "--dapr-grpc-port=50013", "--components-path", "tools/dapr/components", "--enable-api-logging", "--log-level", "debug",
        ];
        var env = new Dictionary<string, string?> { ["DAPR_API_TOKEN"] = "d", ["APP_API_TOKEN"] = "a" };

        var options = SidecarOptions.Parse(args, name => env.GetValueOrDefault(name));

        options.Should().BeEquivalentTo(new
        {
            AppId = "fee-payments", AppPort = 5103, HttpPort = 3503, GrpcPort = 50013, ResourcesPath = "tools/dapr/components",
            LogLevel = "debug", DaprApiToken = "d", AppApiToken = "a", MaxConcurrency = 16,
        });
    }

    [Fact]
    public void Go_style_single_dash_flags_and_flags_only_daprd_knows_are_accepted()
    {
        string[] args =
        [
            "-app-id", "notifications", "--placement-host-address", "localhost:50005", "-dapr-http-port=3504",
            "--enable-metrics=false", "--resources-path", "components", "--app-max-concurrency", "0", "--app-port", "0",
        ];

        var options = SidecarOptions.Parse(args, _ => null);

        options.Should().BeEquivalentTo(new
        {
            AppId = "notifications", AppPort = (int?)null, HttpPort = 3504, GrpcPort = 50001, ResourcesPath = "components",
            LogLevel = "info", DaprApiToken = (string?)null, MaxConcurrency = 16,
        });
    }

    [Theory]
    [InlineData("--app-port", "5103")]
    [InlineData("--app-id", "x", "--app-port", "http")]
    [InlineData("--app-id", "x", "--dapr-grpc-port")]
    public void A_missing_app_id_or_a_bad_value_of_a_known_flag_is_refused(params string[] args)
    {
        var parse = () => SidecarOptions.Parse(args, _ => null);

        parse.Should().Throw<ArgumentException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Tests;

/// <summary>The defaults components-contrib's pubsub/envelope.go fills in (issue 11, point 18).</summary>
public sealed class CloudEventDefaultsTests
{
    private const string OwnTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public async Task A_cloud_event_body_without_source_type_or_specversion_gets_daprds_defaults_and_keeps_its_own_trace()
    {
        await using var run = await Run.StartAsync();
        var body = "{\"id\":\"bare-1\",\"source\":null,\"datacontenttype\":\"application/json\",\"data\":{\"n\":1}," +
            $"\"traceid\":\"{OwnTrace}\",\"traceparent\":\"{OwnTrace}\",\"tracestate\":\"own=1\"}}";

        (await run.PublishAsync(string.Empty, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json"))))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var ce = (await run.NextAsync()).CloudEvent;
        ce["id"]!.GetValue<string>().Should().Be("bare-1");
        ce["source"]!.GetValue<string>().Should().Be("Dapr");
        ce["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
        ce["specversion"]!.GetValue<string>().Should().Be("1.0");
        ce["traceparent"]!.GetValue<string>().Should().Be(OwnTrace, "FromCloudEvent sets trace fields only when traceid is missing");
        ce["tracestate"]!.GetValue<string>().Should().Be("own=1");
        ce["topic"]!.GetValue<string>().Should().Be(run.Topic);
    }

    [Fact]
    public async Task A_rawPayload_subscription_receives_source_Dapr()
    {
        await using var run = await Run.StartAsync(raw: true);

        (await run.PublishAsync("?metadata.rawPayload=true", new StringContent("raw bytes", Encoding.UTF8, "text/plain")))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var ce = (await run.NextAsync()).CloudEvent;
        ce["source"]!.GetValue<string>().Should().Be("Dapr");
        ce["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
        ce["specversion"]!.GetValue<string>().Should().Be("1.0");
    }

    [Fact]
    public async Task Cloudevent_overrides_match_keys_ignoring_case_and_an_empty_source_override_means_Dapr()
    {
        await using var run = await Run.StartAsync();

        (await run.PublishAsync("?metadata.CloudEvent.Source=&metadata.CLOUDEVENT.TYPE=note.v3&metadata.cloudevent.ID=",
            new StringContent("hi", Encoding.UTF8, "text/plain"))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var ce = (await run.NextAsync()).CloudEvent;
        ce["source"]!.GetValue<string>().Should().Be("Dapr");
        ce["type"]!.GetValue<string>().Should().Be("note.v3");
        Guid.TryParse(ce["id"]!.GetValue<string>(), out _).Should().BeTrue("an empty id override gets a new UUID");
    }

    /// <summary>One subscriber app and its sidecar, publishing over the sidecar's HTTP API.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private SubscriberApp _app = null!;
        private SidecarHost _sidecar = null!;

        public string Topic { get; } = Sidecars.Unique("defaults");

        public static async Task<Run> StartAsync(bool raw = false)
        {
            var run = new Run();
            var redis = await TestRedis.GetAsync();
            run._app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/d", s.Handle).WithTopic("pubsub", run.Topic, enableRawPayload: raw));
            run._sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), run._app);
            await Sidecars.WaitReadyAsync(run._sidecar);
            return run;
        }

        public Task<HttpResponseMessage> PublishAsync(string query, HttpContent content) =>
            _http.PostAsync($"{_sidecar.HttpEndpoint}/v1.0/publish/pubsub/{Topic}{query}", content);

        public Task<Received> NextAsync() => Eventually.FoundAsync(() => _app.On("/d").FirstOrDefault(), "the delivery");

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _sidecar.DisposeAsync();
            await _app.DisposeAsync();
        }
    }
}

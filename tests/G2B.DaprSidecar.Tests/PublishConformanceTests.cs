using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapr;

namespace G2B.DaprSidecar.Tests;

public sealed record Order(string OrderId, int Amount);

public sealed class PublishConformanceTests
{
    [Fact]
    public async Task Grpc_publish_from_DaprClient_reaches_a_Dapr_AspNetCore_app_as_daprs_cloud_event()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("orders");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/orders", s.Handle).WithTopic("pubsub", topic));
        await using var subscriber = await Sidecars.StartAsync(Sidecars.Unique("sub"), resources, app);
        await using var publisher = await Sidecars.StartAsync("publisher-app", resources);
        await Sidecars.WaitReadyAsync(subscriber);
        using var client = Sidecars.Client(publisher);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await client.PublishEventAsync("pubsub", topic, new Order("o-1", 42));

        var got = await Eventually.FoundAsync(() => app.On("/orders").FirstOrDefault(), "the delivery");
        var ce = got.CloudEvent;
        Guid.TryParse(ce["id"]!.GetValue<string>(), out _).Should().BeTrue();
        ce["source"]!.GetValue<string>().Should().Be("publisher-app");
        ce["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
        ce["specversion"]!.GetValue<string>().Should().Be("1.0");
        ce["datacontenttype"]!.GetValue<string>().Should().Be("application/json");
        ce["topic"]!.GetValue<string>().Should().Be(topic);
        ce["pubsubname"]!.GetValue<string>().Should().Be("pubsub");
        ce["traceparent"]!.GetValue<string>().Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$");
        ce["traceid"]!.GetValue<string>().Should().Be(ce["traceparent"]!.GetValue<string>());
        ce.ContainsKey("tracestate").Should().BeTrue();
        DateTimeOffset.Parse(ce["time"]!.GetValue<string>()).Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        ce["data"]!["orderId"]!.GetValue<string>().Should().Be("o-1");
        ce["data"]!["amount"]!.GetValue<int>().Should().Be(42);
        ce.ContainsKey("expiration").Should().BeFalse();
        // UseCloudEvents handed the handler just the data.
        JsonNode.Parse(got.Data)!["orderId"]!.GetValue<string>().Should().Be("o-1");
        got.Headers["content-type"].Should().StartWith("application/cloudevents+json");
        got.Headers["pubsubname"].Should().Be("pubsub");
        got.Headers["traceparent"].Substring(3, 32).Should().Be(ce["traceparent"]!.GetValue<string>().Substring(3, 32));
    }

    [Fact]
    public async Task Http_publish_applies_metadata_overrides_and_carries_the_callers_traceparent()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("notes");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/notes", s.Handle).WithTopic("pubsub", topic));
        await using var subscriber = await Sidecars.StartAsync(Sidecars.Unique("sub"), resources, app);
        await using var publisher = await Sidecars.StartAsync("http-publisher", resources);
        await Sidecars.WaitReadyAsync(subscriber);
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{publisher.HttpEndpoint}/v1.0/publish/pubsub/{topic}?metadata.cloudevent.id=evt-7&metadata.cloudevent.type=note.written.v2" +
            "&metadata.cloudevent.subject=note-7&metadata.ttlInSeconds=120")
        {
            Content = new StringContent("hello, world", Encoding.UTF8, new MediaTypeHeaderValue("text/plain")),
        };
        request.Headers.Add("traceparent", traceParent);
        request.Headers.Add("tracestate", "g2b=1");
        (await http.SendAsync(request)).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        var got = await Eventually.FoundAsync(() => app.On("/notes").FirstOrDefault(), "the delivery");
        var ce = got.CloudEvent;
        ce["id"]!.GetValue<string>().Should().Be("evt-7");
        ce["type"]!.GetValue<string>().Should().Be("note.written.v2");
        ce["subject"]!.GetValue<string>().Should().Be("note-7");
        ce["source"]!.GetValue<string>().Should().Be("http-publisher");
        ce["datacontenttype"]!.GetValue<string>().Should().StartWith("text/plain");
        ce["data"]!.GetValue<string>().Should().Be("hello, world");
        ce["traceparent"]!.GetValue<string>().Should().Be(traceParent);
        ce["tracestate"]!.GetValue<string>().Should().Be("g2b=1");
        DateTimeOffset.Parse(ce["expiration"]!.GetValue<string>()).Should().BeAfter(DateTimeOffset.UtcNow.AddSeconds(60));
        got.Headers["traceparent"].Should().Contain("4bf92f3577b34da6a3ce929d0e0e4736");
        got.Headers["tracestate"].Should().Be("g2b=1");
    }

    [Fact]
    public async Task A_body_that_is_already_a_cloud_event_passes_through_with_routing_fields_added()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("ce");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/ce", s.Handle).WithTopic("pubsub", topic));
        await using var subscriber = await Sidecars.StartAsync(Sidecars.Unique("sub"), resources, app);
        await Sidecars.WaitReadyAsync(subscriber);

        using var http = new HttpClient();
        const string body = """{"specversion":"1.0","id":"own-id","source":"bank","type":"payment.made","datacontenttype":"application/json","data":{"n":1}}""";
        var response = await http.PostAsync($"{subscriber.HttpEndpoint}/v1.0/publish/pubsub/{topic}",
            new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json")));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        var ce = (await Eventually.FoundAsync(() => app.On("/ce").FirstOrDefault(), "the delivery")).CloudEvent;
        ce["id"]!.GetValue<string>().Should().Be("own-id");
        ce["source"]!.GetValue<string>().Should().Be("bank");
        ce["type"]!.GetValue<string>().Should().Be("payment.made");
        ce["topic"]!.GetValue<string>().Should().Be(topic);
        ce["pubsubname"]!.GetValue<string>().Should().Be("pubsub");
        ce["time"].Should().NotBeNull();
        ce["traceparent"].Should().NotBeNull();
        ce["data"]!["n"]!.GetValue<int>().Should().Be(1);
    }
}

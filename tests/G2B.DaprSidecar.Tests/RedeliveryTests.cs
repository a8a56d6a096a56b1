using System.Text;
using Microsoft.AspNetCore.Http;

namespace G2B.DaprSidecar.Tests;

public sealed class RedeliveryTests
{
    [Fact]
    public async Task A_failed_message_without_dead_letter_topic_stays_pending_and_is_reclaimed_after_processingTimeout()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("reclaim");
        var appId = Sidecars.Unique("sub");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/flaky", s.Handle).WithTopic("pubsub", topic));
        app.Behaviour = r => Task.FromResult(r.Attempt == 1 ? Results.StatusCode(503) : Results.Ok());
        await using var sidecar = await Sidecars.StartAsync(appId, Resources.Create(redis.Endpoint, processingTimeout: "1s"), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("flaky", 1));

        await Eventually.HoldsAsync(() => app.On("/flaky").Any(r => r.Attempt == 2), "the reclaimed redelivery", TimeSpan.FromSeconds(20));
        await DeliveryTests.AssertNothingPendingAsync(redis.Endpoint, topic, appId);
    }

    [Fact]
    public async Task An_app_restarted_with_other_subscriptions_is_picked_up_without_restarting_the_sidecar()
    {
        var redis = await TestRedis.GetAsync();
        var first = Sidecars.Unique("first");
        var second = Sidecars.Unique("second");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/first", s.Handle).WithTopic("pubsub", first));
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await app.StopAsync();
        await app.StartAgainAsync((web, s) => web.MapPost("/second", s.Handle).WithTopic("pubsub", second));
        await client.PublishEventAsync("pubsub", second, new Order("new-route", 1));

        var got = await Eventually.FoundAsync(() => app.On("/second").FirstOrDefault(), "delivery on the new route", TimeSpan.FromSeconds(20));
        got.CloudEvent["topic"]!.GetValue<string>().Should().Be(second);
    }

    [Fact]
    public async Task Deliveries_in_flight_are_bounded_by_the_configured_concurrency()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("bounded");
        var release = new TaskCompletionSource();
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/b", s.Handle).WithTopic("pubsub", topic));
        app.Behaviour = async _ =>
        {
            await release.Task;
            return Results.Ok();
        };
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app, maxConcurrency: 2);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        for (var i = 0; i < 5; i++)
        {
            await client.PublishEventAsync("pubsub", topic, new Order($"o-{i}", i));
        }

        await Eventually.HoldsAsync(() => app.Received.Count == 2, "two deliveries in flight");
        // A third delivery would need a free slot; give the sidecar a chance to (wrongly) start one.
        var early = await Task.WhenAny(Eventually.HoldsAsync(() => app.Received.Count > 2, "a third delivery while two are in flight", TimeSpan.FromSeconds(1)));
        early.IsFaulted.Should().BeTrue("no more than two deliveries may be in flight");
        release.SetResult();
        await Eventually.HoldsAsync(() => app.Received.Count == 5, "all five deliveries");
    }

    [Fact]
    public async Task A_raw_payload_reaches_a_raw_subscriber_wrapped_as_data_base64_which_the_sdk_unwraps()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("raw");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/raw", s.Handle).WithTopic("pubsub", topic, enableRawPayload: true));
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var http = new HttpClient();

        var response = await http.PostAsync($"{sidecar.HttpEndpoint}/v1.0/publish/pubsub/{topic}?metadata.rawPayload=true",
            new StringContent("plain bytes", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        var got = await Eventually.FoundAsync(() => app.On("/raw").FirstOrDefault(), "the raw delivery");
        got.CloudEvent["data_base64"]!.GetValue<string>().Should().Be(Convert.ToBase64String(Encoding.UTF8.GetBytes("plain bytes")));
        got.CloudEvent["datacontenttype"]!.GetValue<string>().Should().Be("application/octet-stream");
        got.Data.Should().Be("plain bytes");
    }
}

using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace G2B.DaprSidecar.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public async Task A_RETRY_answer_is_retried_per_the_resiliency_policy_until_the_app_succeeds()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("retry");
        var appId = Sidecars.Unique("sub");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/r", s.Handle).WithTopic("pubsub", topic));
        app.Behaviour = r => Task.FromResult(r.Attempt < 3 ? Results.Json(new { status = "RETRY" }) : Results.Json(new { status = "SUCCESS" }));
        await using var sidecar = await Sidecars.StartAsync(appId, Resources.Create(redis.Endpoint, Resources.FastRetries), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("o-2", 1));

        await Eventually.HoldsAsync(() => app.On("/r").Any(r => r.Attempt == 3), "the third attempt");
        await AssertNothingPendingAsync(redis.Endpoint, topic, appId);
        app.On("/r").Should().HaveCount(3);
    }

    [Fact]
    public async Task A_read_entry_starts_its_delivery_on_the_reading_loop_without_a_hop_through_the_thread_pool()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("inline");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/i", s.Handle).WithTopic("pubsub", topic));
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app);
        await Sidecars.WaitReadyAsync(sidecar);
        // Started from the read loop itself, the delivery's first steps run inside the loop's own frame; queued to the
        // thread pool (Task.Run) they run on a stack the loop is not on.
        var fromReadLoop = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        sidecar.Services.GetRequiredService<G2B.DaprSidecar.Delivery.DeliveryService>().DeliveryStarting = _ =>
            fromReadLoop.Enqueue(new System.Diagnostics.StackTrace().GetFrames()
                .Any(f => f.GetMethod()?.DeclaringType?.Name.Contains("ReadLoopAsync", StringComparison.Ordinal) == true));
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("o-inline", 1));

        await Eventually.HoldsAsync(() => app.On("/i").Any(), "the delivery");
        fromReadLoop.Should().Equal(true);
    }

    [Fact]
    public async Task DROP_and_404_answers_go_to_the_dead_letter_topic_without_retries()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("drop");
        await using var app = await DeadLetteringAppAsync("/drop", topic);
        app.Behaviour = r => Task.FromResult(r.Path != "/drop" ? Results.Ok()
            : r.CloudEvent["data"]!["orderId"]!.GetValue<string>() == "drop-me" ? Results.Json(new { status = "DROP" }) : Results.NotFound());
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint, Resources.FastRetries), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("drop-me", 1));
        await client.PublishEventAsync("pubsub", topic, new Order("not-found", 2));

        await Eventually.HoldsAsync(() => app.On("/dead").Count() == 2, "two dead letters");
        app.On("/dead").Select(r => r.CloudEvent["data"]!["orderId"]!.GetValue<string>()).Should().BeEquivalentTo("drop-me", "not-found");
        app.On("/drop").Should().HaveCount(2, "neither answer is retried");
    }

    [Fact]
    public async Task Without_a_retry_policy_a_failing_message_goes_straight_to_the_dead_letter_topic()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("fail");
        await using var app = await DeadLetteringAppAsync("/fail", topic);
        app.Behaviour = r => Task.FromResult(r.Path == "/fail" ? Results.StatusCode(500) : Results.Ok());
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("boom", 1));

        await Eventually.HoldsAsync(() => app.On("/dead").Any(), "the dead letter");
        app.On("/fail").Should().ContainSingle();
    }

    [Fact]
    public async Task V2_routing_rules_pick_the_route_by_event_type_and_fall_back_to_the_default()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("typed");
        await using var app = await SubscriberApp.StartAsync((web, s) =>
        {
            web.MapPost("/v2", s.Handle).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, Match = "event.type == \"order.v2\"", Priority = 1 });
            web.MapPost("/v1", s.Handle).WithTopic("pubsub", topic);
        });
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app);
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("new", 1), new Dictionary<string, string> { ["cloudevent.type"] = "order.v2" });
        await client.PublishEventAsync("pubsub", topic, new Order("old", 1));

        await Eventually.HoldsAsync(() => app.Received.Count == 2, "both deliveries");
        app.On("/v2").Single().CloudEvent["data"]!["orderId"]!.GetValue<string>().Should().Be("new");
        app.On("/v1").Single().CloudEvent["data"]!["orderId"]!.GetValue<string>().Should().Be("old");
    }

    [Fact]
    public async Task APP_API_TOKEN_is_sent_to_the_app_and_accepted_by_the_sdks_dapr_authentication()
    {
        var redis = await TestRedis.GetAsync();
        var topic = Sidecars.Unique("auth");
        await using var app = await SubscriberApp.StartAsync(
            (web, s) => web.MapPost("/secure", s.Handle).WithTopic("pubsub", topic).RequireAuthorization("dapr"), appApiToken: "app-secret");
        await using var sidecar = await Sidecars.StartAsync(Sidecars.Unique("sub"), Resources.Create(redis.Endpoint), app, appApiToken: "app-secret");
        await Sidecars.WaitReadyAsync(sidecar);
        using var client = Sidecars.Client(sidecar);

        await client.PublishEventAsync("pubsub", topic, new Order("secure", 1));

        var got = await Eventually.FoundAsync(() => app.On("/secure").FirstOrDefault(), "the authenticated delivery");
        got.Headers["dapr-api-token"].Should().Be("app-secret");
    }

    /// <summary>An app that takes <paramref name="topic"/> at <paramref name="path"/>, with its dead letters (topic-dead) at /dead.</summary>
    private static Task<SubscriberApp> DeadLetteringAppAsync(string path, string topic) =>
        SubscriberApp.StartAsync((web, s) =>
        {
            web.MapPost(path, s.Handle).WithTopic(new TopicOptions { PubsubName = "pubsub", Name = topic, DeadLetterTopic = topic + "-dead" });
            web.MapPost("/dead", s.Handle).WithTopic("pubsub", topic + "-dead");
        });

    internal static async Task AssertNothingPendingAsync(string redisEndpoint, string topic, string group)
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(redisEndpoint);
        var db = mux.GetDatabase();
        await Eventually.HoldsAsync(() => db.StreamPending(topic, group).PendingMessageCount == 0, "the ack");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Dapr;
using G2B.LocalInfra;
using Microsoft.AspNetCore.Http;

namespace G2B.DaprSidecar.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task A_message_in_flight_when_the_sidecar_stops_is_delivered_again_after_it_restarts()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("inflight");
        var appId = Sidecars.Unique("sub");
        var release = new TaskCompletionSource();
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/slow", s.Handle).WithTopic("pubsub", topic));
        // The first delivery blocks in the handler; the sidecar is stopped meanwhile, so it never acks.
        app.Behaviour = async r =>
        {
            if (r.Attempt == 1)
            {
                await release.Task;
            }

            return Results.Ok();
        };
        var sidecar = await Sidecars.StartAsync(appId, resources, app);
        await Sidecars.WaitReadyAsync(sidecar);
        using (var client = Sidecars.Client(sidecar))
        {
            await client.PublishEventAsync("pubsub", topic, new Order("in-flight", 1));
        }

        await Eventually.HoldsAsync(() => app.On("/slow").Any(), "the first delivery");
        await sidecar.DisposeAsync();
        release.SetResult();

        await using var restarted = await Sidecars.StartAsync(appId, resources, app);
        var again = await Eventually.FoundAsync(() => app.On("/slow").FirstOrDefault(r => r.Attempt == 2), "the redelivery");
        again.CloudEvent["data"]!["orderId"]!.GetValue<string>().Should().Be("in-flight");
        await DeliveryTests.AssertNothingPendingAsync(redis.Endpoint, topic, appId);
    }

    [Fact]
    public async Task A_sidecar_whose_reader_waits_in_a_long_block_stops_without_waiting_it_out_and_delivers_after_a_restart()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("longblock");
        var appId = Sidecars.Unique("sub");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/orders", s.Handle).WithTopic("pubsub", topic));
        var block = TimeSpan.FromMinutes(2);
        var sidecar = await Sidecars.StartAsync(appId, resources, app, readBlock: block);
        await Sidecars.WaitReadyAsync(sidecar);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the reader is in its XREADGROUP BLOCK by now

        // The host gives up on its services after its shutdown timeout (5 s): the delivery loop itself must
        // have ended, not been left behind in a read that blocks for two minutes more.
        var delivery = sidecar.Services.GetRequiredService<G2B.DaprSidecar.Delivery.DeliveryService>();
        await sidecar.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        delivery.ExecuteTask.Should().NotBeNull();
        delivery.ExecuteTask!.IsCompleted.Should().BeTrue("stopping ends the blocked read instead of waiting it out");
        await sidecar.DisposeAsync();

        await using var restarted = await Sidecars.StartAsync(appId, resources, app, readBlock: block);
        await Sidecars.WaitReadyAsync(restarted);
        using (var client = Sidecars.Client(restarted))
        {
            await client.PublishEventAsync("pubsub", topic, new Order("after-restart", 1));
        }

        var delivered = await Eventually.FoundAsync(() => app.On("/orders").FirstOrDefault(), "the delivery after the restart");
        delivered.CloudEvent["data"]!["orderId"]!.GetValue<string>().Should().Be("after-restart");
        await DeliveryTests.AssertNothingPendingAsync(redis.Endpoint, topic, appId);
    }

    [Fact]
    public async Task Accepted_messages_survive_a_Redis_restart_and_delivery_resumes()
    {
        // A Redis of its own: the shared one must not go down under the other tests.
        var dir = Path.Combine(Path.GetTempPath(), $"g2b-sidecar-redis-{Guid.NewGuid():N}");
        await using var redis = await LocalRedis.StartAsync(new LocalRedisOptions(dir, AppendOnly: true));
        var resources = Resources.Create(redis.Endpoint);
        var topic = Sidecars.Unique("durable");
        await using var app = await SubscriberApp.StartAsync((web, s) => web.MapPost("/d", s.Handle).WithTopic("pubsub", topic));
        await using var publisher = await Sidecars.StartAsync("durable-publisher", resources);
        using var client = Sidecars.Client(publisher);

        // Published while no subscriber runs: only Redis holds it across the restart.
        await client.PublishEventAsync("pubsub", topic, new Order("before-restart", 1));
        await redis.StopAsync();
        var whileDown = async () => await client.PublishEventAsync("pubsub", topic, new Order("lost", 1));
        (await whileDown.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<global::Grpc.Core.RpcException>()
            .Which.StatusCode.Should().Be(global::Grpc.Core.StatusCode.Internal);
        await redis.StartAgainAsync();

        await using var subscriber = await Sidecars.StartAsync(Sidecars.Unique("sub"), resources, app);
        await Eventually.FoundAsync(() => app.On("/d").FirstOrDefault(r => r.Data.Contains("before-restart", StringComparison.Ordinal)), "the message from before the restart", TimeSpan.FromSeconds(30));

        await Eventually.HoldsAsync(() => TryPublish(client, topic, "after-restart"), "publishing after the restart", TimeSpan.FromSeconds(30));
        await Eventually.FoundAsync(() => app.On("/d").FirstOrDefault(r => r.Data.Contains("after-restart", StringComparison.Ordinal)), "the message after the restart", TimeSpan.FromSeconds(30));

        // And a restart under a running subscriber: its blocking reader reconnects and carries on.
        await redis.StopAsync();
        await redis.StartAgainAsync();
        await Eventually.HoldsAsync(() => TryPublish(client, topic, "second-restart"), "publishing after the second restart", TimeSpan.FromSeconds(30));
        await Eventually.FoundAsync(() => app.On("/d").FirstOrDefault(r => r.Data.Contains("second-restart", StringComparison.Ordinal)), "delivery after the second restart", TimeSpan.FromSeconds(30));
    }

    private static bool TryPublish(Dapr.Client.DaprClient client, string topic, string id)
    {
        try
        {
            client.PublishEventAsync("pubsub", topic, new Order(id, 1)).GetAwaiter().GetResult();
            return true;
        }
        catch (DaprException)
        {
            return false;
        }
    }
}

using Microsoft.AspNetCore.Http;

namespace G2B.DaprSidecar.Tests;

/// <summary>
/// The stall seen under load (issue 11, point 1): XREADGROUP's COUNT applies per stream, so one read over many
/// topics returns more entries than the delivery slots held, and the slot accounting broke the read loop.
/// </summary>
public sealed class ManyTopicsTests
{
    private const int Topics = 12;
    private const int PerTopic = 10;
    private const int Slots = 2;

    [Fact]
    public async Task Many_topics_with_more_entries_than_slots_are_each_delivered_exactly_once_within_the_slot_bound()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Resources.Create(redis.Endpoint);
        var topics = Enumerable.Range(0, Topics).Select(i => Sidecars.Unique($"many{i}")).ToList();
        var appId = Sidecars.Unique("sub");

        // Everything is in the streams before the subscriber's sidecar starts, so its first read over all topics
        // can return COUNT entries from every one of them at once.
        await using var publisher = await Sidecars.StartAsync(Sidecars.Unique("pub"), resources);
        using var client = Sidecars.Client(publisher);
        await PublishRoundAsync(client, topics, 0);

        var inFlight = 0;
        var maxInFlight = 0;
        await using var app = await SubscriberApp.StartAsync((web, s) =>
        {
            foreach (var topic in topics)
            {
                web.MapPost($"/{topic}", s.Handle).WithTopic("pubsub", topic);
            }
        });
        app.Behaviour = async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            // Hold the slot a moment so deliveries overlap and an over-issued slot would show in the count.
            await Task.Delay(20);
            Interlocked.Decrement(ref inFlight);
            return Results.Ok();
        };
        await using var sidecar = await Sidecars.StartAsync(appId, resources, app, maxConcurrency: Slots);

        await Eventually.HoldsAsync(() => app.Received.Count >= Topics * PerTopic, "every entry delivered", TimeSpan.FromSeconds(60));

        // The old loop died at the tail of such a burst (a release past the semaphore's maximum) and read nothing more.
        await PublishRoundAsync(client, topics, 1);
        await Eventually.HoldsAsync(() => app.Received.Count >= 2 * Topics * PerTopic, "the second round delivered", TimeSpan.FromSeconds(60));
        foreach (var topic in topics)
        {
            await DeliveryTests.AssertNothingPendingAsync(redis.Endpoint, topic, appId);
        }

        var orders = app.Received.Select(r => r.CloudEvent["data"]!["orderId"]!.GetValue<string>()).ToList();
        orders.Should().OnlyHaveUniqueItems("each entry is delivered exactly once").And.HaveCount(2 * Topics * PerTopic);
        maxInFlight.Should().BeLessThanOrEqualTo(Slots, "--app-max-concurrency bounds deliveries in flight");
    }

    private static async Task PublishRoundAsync(Dapr.Client.DaprClient client, IEnumerable<string> topics, int round)
    {
        foreach (var topic in topics)
        {
            for (var n = 0; n < PerTopic; n++)
            {
                await client.PublishEventAsync("pubsub", topic, new Order($"{topic}/{round}/{n}", n));
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

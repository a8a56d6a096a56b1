using System.Collections.Concurrent;

namespace G2B.Eventing.Tests.Outbox;

public sealed class OutboxOrderingTests
{
    [Fact]
    public async Task Events_of_one_ordering_key_are_published_in_the_order_they_were_added_even_across_a_failure()
    {
        var publisher = new RecordingPublisher();
        await using var app = await EventingTestApp.StartAsync(await TestPostgres.CreateDatabaseAsync("outbox_order"), publisher);

        // One SaveChanges with interleaved keys: EF is free to insert rows in another order.
        var added = new List<(string Key, NoteWrittenIntegrationEvent Event)>();
        for (var i = 0; i < 12; i++)
        {
            added.Add((i % 2 == 0 ? "company-a" : "company-b", new NoteWrittenIntegrationEvent($"n{i}")));
        }

        // The third event of company-a fails twice: the rest of company-a must wait for it.
        var blocker = added.Where(a => a.Key == "company-a").ElementAt(2).Event;
        publisher.FailNext(blocker.Id, 2);
        await app.WithDbAsync(async db =>
        {
            foreach (var (key, evt) in added)
            {
                db.AddIntegrationEvent(evt, key);
            }

            await db.SaveChangesAsync();
        });

        // The database, not the publisher's log: a round commits after its publishes.
        await Eventually.HoldsAsync(
            async () => (await app.OutboxAsync()).All(m => m.PublishedAt != null), "every row is published and committed");
        publisher.Log.Should().HaveCount(added.Count);
        foreach (var key in new[] { "company-a", "company-b" })
        {
            publisher.Log.Where(p => p.OrderingKey == key).Select(p => p.Id)
                .Should().Equal(added.Where(a => a.Key == key).Select(a => a.Event.Id), $"{key} is published in order");
        }

        publisher.FailedCalls.Should().Be(2);
        (await app.OutboxAsync()).Single(m => m.Id == blocker.Id).Attempts.Should().Be(3);
    }

    [Fact]
    public async Task Two_replicas_never_publish_the_same_row_twice_and_keep_per_key_order()
    {
        var database = await TestPostgres.CreateDatabaseAsync("outbox_replicas");
        var log = new ConcurrentQueue<Published>();
        // Slow publishes keep rows locked long enough for the replicas to contend.
        var first = new RecordingPublisher(log, "replica-1") { Latency = TimeSpan.FromMilliseconds(2) };
        var second = new RecordingPublisher(log, "replica-2") { Latency = TimeSpan.FromMilliseconds(2) };
        var settings = new Dictionary<string, string?> { ["Eventing:Outbox:BatchSize"] = "5", ["Eventing:Outbox:PollInterval"] = "00:00:00.050" };
        await using var replica1 = await EventingTestApp.StartAsync(database, first, settings);
        await using var replica2 = await EventingTestApp.StartAsync(database, second, settings);

        var keys = Enumerable.Range(1, 20).Select(i => $"key-{i}").ToArray();
        var added = new ConcurrentQueue<(string Key, Guid Id)>();
        // Writers on both replicas at once, as under load.
        await Task.WhenAll(new[] { replica1, replica2 }.Select(replica => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                await replica.WithDbAsync(async db =>
                {
                    foreach (var key in keys.Where((_, i) => i % 2 == (replica == replica1 ? 0 : 1)))
                    {
                        var evt = new NoteWrittenIntegrationEvent($"{key}-{round}");
                        db.AddIntegrationEvent(evt, key);
                        added.Enqueue((key, evt.Id));
                    }

                    await db.SaveChangesAsync();
                });
            }
        })));

        await Eventually.HoldsAsync(
            async () => (await replica1.OutboxAsync()).All(m => m.PublishedAt != null), "every row is published", TimeSpan.FromSeconds(60));

        var published = log.ToList();
        published.Should().HaveCount(added.Count);
        published.Select(p => p.Id).Should().OnlyHaveUniqueItems();
        published.Select(p => p.By).Distinct().Should().HaveCount(2, "both replicas take part");
        foreach (var key in keys)
        {
            published.Where(p => p.OrderingKey == key).Select(p => p.Id)
                .Should().Equal(added.Where(a => a.Key == key).Select(a => a.Id), $"{key} keeps its order across replicas");
        }
    }
}

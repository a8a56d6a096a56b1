using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.Eventing.Tests.Support;
using G2B.Testing;

namespace G2B.Eventing.Tests.Inbox;

public sealed class SubscriptionTests
{
    private static async Task<EventingTestApp> StartAsync(string name) =>
        await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync(name),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" });

    private static string? Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    [Fact]
    public async Task Subscribe_endpoint_lists_each_topic_with_its_own_dead_letter_topic_and_the_dead_letter_subscription()
    {
        await using var app = await StartAsync("subscribe");

        var subscriptions = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/dapr/subscribe");

        subscriptions.Should().NotBeNull();
        var main = subscriptions!.Single(s => Property(s, "topic") == "note-written");
        Property(main, "pubsubName").Should().Be("pubsub");
        Property(main, "route")!.TrimStart('/').Should().Be("events/note-written", "Dapr.AspNetCore writes routes without the leading slash");
        Property(main, "deadLetterTopic").Should().Be("eventing-tests.note-written.dead-letter");

        var deadLetters = subscriptions!.Single(s => Property(s, "topic") == "eventing-tests.note-written.dead-letter");
        Property(deadLetters, "pubsubName").Should().Be("pubsub");
        Property(deadLetters, "route")!.TrimStart('/').Should().Be("events/dead-letter/note-written");
    }

    [Fact]
    public async Task A_dead_letter_is_acknowledged_and_counted()
    {
        await using var app = await StartAsync("dead_letter");
        long counted = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventingMetrics.MeterName && instrument.Name == "g2b.eventing.dead_letters")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "topic" && (string?)tag.Value == "note-written")
                {
                    Interlocked.Add(ref counted, value);
                }
            }
        });
        listener.Start();

        var evt = new NoteWrittenIntegrationEvent("lost");
        var response = await app.CreateClient().PostAsync(
            "/events/dead-letter/note-written",
            CloudEvents.For(evt, "eventing-tests.note-written.dead-letter", NoteWrittenIntegrationEvent.EventType));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
        Interlocked.Read(ref counted).Should().Be(1);
        app.Probe.Calls.Should().Be(0, "a dead letter is not handled again");
    }
}

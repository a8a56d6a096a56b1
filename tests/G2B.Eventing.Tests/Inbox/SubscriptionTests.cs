using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.Eventing.Tests.Support;
using G2B.Testing;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Inbox;

public sealed class SubscriptionTests
{
    private static async Task<EventingTestApp> StartAsync(string name, CapturedLogs? logs = null) =>
        await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync(name),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" },
            configure: logs is null ? null : builder => builder.Logging.AddProvider(logs));

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
    public async Task A_dead_letter_is_acknowledged_counted_and_logged_with_its_event_id()
    {
        var logs = new CapturedLogs();
        await using var app = await StartAsync("dead_letter", logs);
        using var metrics = new EventingMetricsRecorder(app.Services);
        var evt = new NoteWrittenIntegrationEvent("lost");

        var response = await app.CreateClient().PostAsync(
            "/events/dead-letter/note-written",
            CloudEvents.For(evt, "eventing-tests.note-written.dead-letter", NoteWrittenIntegrationEvent.EventType));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
        metrics.Total("g2b.eventing.dead_letters", "note-written").Should().Be(1);
        app.Probe.Calls.Should().Be(0, "a dead letter is not handled again");
        DeadLetterLog(logs).Should().StartWith($"Dead letter on note-written: event {evt.Id} could not be delivered");
    }

    [Theory]
    [InlineData("text/plain", "not json at all")]
    [InlineData("application/json", "[1,2]")]
    [InlineData("application/json", "{\"text\":\"no id\"}")]
    public async Task A_dead_letter_without_a_readable_id_is_still_acknowledged_and_logged(string contentType, string body)
    {
        var logs = new CapturedLogs();
        await using var app = await StartAsync("dead_letter_unknown", logs);

        var response = await app.CreateClient().PostAsync(
            "/events/dead-letter/note-written", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        DeadLetterLog(logs).Should().Be($"Dead letter on note-written: event (unknown) could not be delivered to this service and needs attention. Body: {body}");
    }

    private static string DeadLetterLog(CapturedLogs logs)
    {
        var entry = logs.Entries.Should().ContainSingle(e => e.Category == "G2B.Eventing.DeadLetters").Subject;
        entry.Level.Should().Be(LogLevel.Error);
        return entry.Message;
    }
}

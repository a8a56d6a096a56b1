using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Inbox;

/// <summary>The shared app of <see cref="SubscriptionTests"/>.</summary>
public sealed class SubscriptionApp : SharedEventingApp;

public sealed class SubscriptionTests(SubscriptionApp shared) : IClassFixture<SubscriptionApp>
{
    private readonly EventingTestApp _app = shared.App;

    private static string? Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    [Fact]
    public async Task Subscribe_endpoint_lists_each_topic_with_its_own_dead_letter_topic_and_the_dead_letter_subscription()
    {
        var subscriptions = await _app.CreateClient().GetFromJsonAsync<JsonElement[]>("/dapr/subscribe");

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
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var evt = new NoteWrittenIntegrationEvent("lost");

        var response = await _app.CreateClient().PostAsync(
            "/events/dead-letter/note-written",
            CloudEvents.For(evt, "eventing-tests.note-written.dead-letter", NoteWrittenIntegrationEvent.EventType));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
        metrics.Total("g2b.eventing.dead_letters", "note-written").Should().Be(1);
        _app.Probe.CallsFor(evt.Id).Should().Be(0, "a dead letter is not handled again");
        DeadLetterLog(body => body.Contains(evt.Id.ToString(), StringComparison.Ordinal))
            .Should().StartWith($"Dead letter on note-written: event {evt.Id} could not be delivered");
    }

    [Theory]
    [InlineData("text/plain", "not json at all")]
    [InlineData("application/json", "[1,2]")]
    [InlineData("application/json", "{\"text\":\"no id\"}")]
    public async Task A_dead_letter_without_a_readable_id_is_still_acknowledged_and_logged(string contentType, string body)
    {
        var response = await _app.CreateClient().PostAsync(
            "/events/dead-letter/note-written", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        DeadLetterLog(message => message.EndsWith($"Body: {body}", StringComparison.Ordinal))
            .Should().Be($"Dead letter on note-written: event (unknown) could not be delivered to this service and needs attention. Body: {body}");
    }

    // The one dead-letter line of this test (the app and its log are shared by the class), logged at Error.
    private string DeadLetterLog(Func<string, bool> ofThisTest)
    {
        var entry = shared.Logs.Entries.Should()
            .ContainSingle(e => e.Category == "G2B.Eventing.DeadLetters" && ofThisTest(e.Message)).Subject;
        entry.Level.Should().Be(LogLevel.Error);
        return entry.Message;
    }
}

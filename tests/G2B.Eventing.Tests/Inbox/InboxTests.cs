using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2B.Eventing.Tests.Support;
using G2B.Testing;
using Microsoft.EntityFrameworkCore;

namespace G2B.Eventing.Tests.Inbox;

public sealed class InboxTests
{
    private const string Route = "/events/note-written";

    private static async Task<EventingTestApp> StartAsync(string name) =>
        await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync(name),
            new RecordingPublisher(),
            new Dictionary<string, string?> { ["Eventing:Outbox:DispatchEnabled"] = "false" });

    private static HttpContent Delivery(NoteWrittenIntegrationEvent evt) =>
        CloudEvents.For(evt, NoteWrittenIntegrationEvent.Topic, NoteWrittenIntegrationEvent.EventType);

    [Fact]
    public async Task Cloud_event_posted_to_the_route_runs_the_handler_in_the_inbox_transaction()
    {
        await using var app = await StartAsync("inbox_runs");
        var evt = new NoteWrittenIntegrationEvent("first");

        var response = await app.CreateClient().PostAsync(Route, Delivery(evt));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
        (await app.WithDbAsync(db => db.Notes.Select(n => n.Text).ToListAsync())).Should().Equal("handled:first");
        var inbox = await app.WithDbAsync(db => db.Set<InboxMessage>().ToListAsync());
        inbox.Should().ContainSingle().Which.Should().Match<InboxMessage>(m => m.EventId == evt.Id && m.Consumer == EventingTestApp.Consumer);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_has_one_effect()
    {
        await using var app = await StartAsync("inbox_twice");
        var evt = new NoteWrittenIntegrationEvent("once");
        var client = app.CreateClient();

        var first = await client.PostAsync(Route, Delivery(evt));
        var second = await client.PostAsync(Route, Delivery(evt));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Notes.CountAsync())).Should().Be(1);
        app.Probe.Calls.Should().Be(1, "the duplicate never reaches the handler");
    }

    [Fact]
    public async Task Racing_deliveries_of_the_same_event_have_one_effect()
    {
        await using var app = await StartAsync("inbox_race");
        // A slow handler keeps the first transaction open while the others arrive.
        app.Probe.Delay = TimeSpan.FromMilliseconds(300);
        var evt = new NoteWrittenIntegrationEvent("raced");
        var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(Route, Delivery(evt))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Notes.CountAsync())).Should().Be(1);
        (await app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_failing_handler_answers_500_leaves_no_trace_and_the_redelivery_succeeds()
    {
        await using var app = await StartAsync("inbox_fail");
        app.Probe.FailNext(1);
        var evt = new NoteWrittenIntegrationEvent("retry me");
        var client = app.CreateClient();

        var failed = await client.PostAsync(Route, Delivery(evt));
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().EndWith("/event-handler-failed");
        problem.GetProperty("title").GetString().Should().Be("The event could not be handled.");
        problem.GetProperty("detail").GetString().Should().Be($"Event {evt.Id} on topic note-written failed; it will be redelivered.");
        failed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(0);
        (await app.WithDbAsync(db => db.Notes.CountAsync())).Should().Be(0);

        var redelivered = await client.PostAsync(Route, Delivery(evt));
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Notes.CountAsync())).Should().Be(1);
    }

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("{\"text\":\"no id\"}")]
    [InlineData("{\"id\":\"not-a-guid\",\"text\":\"x\"}")]
    [InlineData("{\"id\":7,\"text\":\"x\"}")]
    [InlineData("{\"id\":\"0b5a3e9c-55f4-4f6c-9d0c-3d1c8c7f2a11\",\"text\":7}")]
    public async Task A_body_that_is_not_the_event_is_dropped(string data)
    {
        await using var app = await StartAsync("inbox_drop");

        var response = await app.CreateClient().PostAsync(
            Route, CloudEvents.Envelope(JsonDocument.Parse(data).RootElement, NoteWrittenIntegrationEvent.Topic, "x", Guid.NewGuid().ToString()));

        await ShouldBeDroppedAsync(app, response);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_dropped()
    {
        await using var app = await StartAsync("inbox_drop_not_json");

        var response = await app.CreateClient().PostAsync(Route, new StringContent("{\"id\": ", Encoding.UTF8, "application/json"));

        await ShouldBeDroppedAsync(app, response);
    }

    private static async Task ShouldBeDroppedAsync(EventingTestApp app, HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("DROP");
        app.Probe.Calls.Should().Be(0);
        (await app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_event_written_with_capitalised_names_is_the_same_event()
    {
        await using var app = await StartAsync("inbox_capitals");
        var id = Guid.NewGuid();
        var data = JsonDocument.Parse($$"""{"Id":"{{id}}","Text":"capitals"}""").RootElement;

        var response = await app.CreateClient().PostAsync(
            Route, CloudEvents.Envelope(data, NoteWrittenIntegrationEvent.Topic, NoteWrittenIntegrationEvent.EventType, id.ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
        (await app.WithDbAsync(db => db.Set<InboxMessage>().SingleAsync())).EventId.Should().Be(id);
        (await app.WithDbAsync(db => db.Notes.Select(n => n.Text).ToListAsync())).Should().Equal("handled:capitals");
    }

    [Fact]
    public async Task First_deliveries_and_redeliveries_are_counted_apart()
    {
        await using var app = await StartAsync("inbox_metrics");
        using var metrics = new EventingMetricsRecorder(app.Services);
        var client = app.CreateClient();
        var evt = new NoteWrittenIntegrationEvent("counted");

        (await client.PostAsync(Route, Delivery(evt))).StatusCode.Should().Be(HttpStatusCode.OK);
        metrics.Total("g2b.eventing.inbox.handled", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", NoteWrittenIntegrationEvent.Topic).Should().Be(0);

        (await client.PostAsync(Route, Delivery(evt))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync(Route, Delivery(evt))).StatusCode.Should().Be(HttpStatusCode.OK);
        metrics.Total("g2b.eventing.inbox.handled", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", NoteWrittenIntegrationEvent.Topic).Should().Be(2);
    }

    [Fact]
    public async Task A_transient_database_error_in_the_handler_is_retried_at_once_with_one_effect()
    {
        await using var app = await StartAsync("inbox_transient");
        // The note of the failed attempt is still in the context when the execution strategy runs the attempt again.
        app.Probe.FailTransientlyNext(1);
        var evt = new NoteWrittenIntegrationEvent("transient");

        var response = await app.CreateClient().PostAsync(Route, Delivery(evt));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Should().Be(2);
        (await app.WithDbAsync(db => db.Notes.Select(n => n.Text).ToListAsync())).Should().Equal("handled:transient");
        (await app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).Should().Be(1);
    }
}

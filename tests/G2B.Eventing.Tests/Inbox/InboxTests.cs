using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Inbox;

public sealed class InboxApp : SharedEventingApp;

public sealed class InboxTests(InboxApp shared) : IClassFixture<InboxApp>
{
    private const string Route = "/events/note-written";

    private readonly EventingTestApp _app = shared.App;

    private static HttpContent Delivery(NoteWrittenIntegrationEvent evt) =>
        CloudEvents.For(evt, NoteWrittenIntegrationEvent.Topic, NoteWrittenIntegrationEvent.EventType);

    private Task<HttpResponseMessage> DeliverAsync(NoteWrittenIntegrationEvent evt) => _app.CreateClient().PostAsync(Route, Delivery(evt));

    private Task<int> NotesAsync(string text) => _app.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == $"handled:{text}"));

    private Task<List<InboxMessage>> InboxRowsAsync(Guid eventId) =>
        _app.WithDbAsync(db => db.Set<InboxMessage>().Where(m => m.EventId == eventId).ToListAsync());

    private Task<int> AllInboxRowsAsync() => _app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync());

    private static async Task ShouldAnswerAsync(HttpResponseMessage response, string status)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be(status);
    }

    [Fact]
    public async Task Cloud_event_posted_to_the_route_runs_the_handler_in_the_inbox_transaction()
    {
        var evt = new NoteWrittenIntegrationEvent("first");

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");

        (await NotesAsync("first")).Should().Be(1);
        (await InboxRowsAsync(evt.Id)).Should().ContainSingle().Which.Consumer.Should().Be(EventingTestApp.Consumer);
    }

    [Fact]
    public async Task A_handler_that_saves_in_the_inbox_transaction_sends_no_savepoint()
    {
        var evt = new NoteWrittenIntegrationEvent("no-savepoint");
        var database = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        using var statements = NpgsqlStatements.Of(database);

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");

        (await NotesAsync("no-savepoint")).Should().Be(1);
        statements.Texts.Should().Contain(s => s.Contains("notes", StringComparison.Ordinal), "the note is saved in the delivery's transaction")
            .And.NotContain(s => s.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase), "two round trips that nothing rolls back to");
    }

    [Fact]
    public async Task The_same_event_delivered_twice_has_one_effect()
    {
        var evt = new NoteWrittenIntegrationEvent("once");

        var first = await DeliverAsync(evt);
        var second = await DeliverAsync(evt);

        await ShouldAnswerAsync(first, "SUCCESS");
        await ShouldAnswerAsync(second, "SUCCESS");
        (await NotesAsync("once")).Should().Be(1);
        _app.Probe.CallsFor(evt.Id).Should().Be(1, "the duplicate never reaches the handler");
    }

    [Fact]
    public async Task Racing_deliveries_of_the_same_event_have_one_effect()
    {
        var evt = new NoteWrittenIntegrationEvent("raced");
        // A slow handler keeps the first transaction open while the others arrive.
        _app.Probe.Delay(evt.Id, TimeSpan.FromMilliseconds(300));
        var client = _app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(Route, Delivery(evt))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await NotesAsync("raced")).Should().Be(1);
        (await InboxRowsAsync(evt.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_failing_handler_answers_500_leaves_no_trace_and_the_redelivery_succeeds()
    {
        var evt = new NoteWrittenIntegrationEvent("retry me");
        _app.Probe.FailNext(evt.Id, 1);

        var failed = await DeliverAsync(evt);
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().EndWith("/event-handler-failed");
        problem.GetProperty("title").GetString().Should().Be("The event could not be handled.");
        problem.GetProperty("detail").GetString().Should().Be($"Event {evt.Id} on topic note-written failed; it will be redelivered.");
        failed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await InboxRowsAsync(evt.Id)).Should().BeEmpty();
        (await NotesAsync("retry me")).Should().Be(0);

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");
        (await NotesAsync("retry me")).Should().Be(1);
    }

    private const string NoId = "the body is not an event with an id";
    private const string NotTheEvent = "the body is not a NoteWrittenIntegrationEvent";

    [Theory]
    [InlineData("\"just a string\"", NoId)]
    [InlineData("{\"text\":\"no id\"}", NoId)]
    [InlineData("{\"id\":\"not-a-guid\",\"text\":\"x\"}", NoId)]
    [InlineData("{\"id\":7,\"text\":\"x\"}", NoId)]
    [InlineData("{\"id\":\"0b5a3e9c-55f4-4f6c-9d0c-3d1c8c7f2a11\",\"text\":7}", NotTheEvent)]
    public async Task A_body_that_is_not_the_event_is_dropped_and_logged_with_the_reason(string data, string reason) =>
        await ShouldBeDroppedAsync(
            CloudEvents.Envelope(JsonDocument.Parse(data).RootElement, NoteWrittenIntegrationEvent.Topic, "x", Guid.NewGuid().ToString()), reason);

    [Fact]
    public async Task A_body_that_is_not_json_is_dropped_and_logged_with_the_reason() =>
        await ShouldBeDroppedAsync(new StringContent("{\"id\": ", Encoding.UTF8, "application/json"), NotTheEvent);

    private async Task ShouldBeDroppedAsync(HttpContent body, string reason)
    {
        var (calls, rows, logged) = (_app.Probe.Calls, await AllInboxRowsAsync(), shared.Logs.Entries.Count);

        await ShouldAnswerAsync(await _app.CreateClient().PostAsync(Route, body), "DROP");

        _app.Probe.Calls.Should().Be(calls, "the handler is not called");
        (await AllInboxRowsAsync()).Should().Be(rows, "nothing is recorded as processed");
        // What an operator reads about the drop (the dead-letter log, in the same service, has the body).
        shared.Logs.Entries.Skip(logged).Where(e => e.Message.StartsWith("Dropping a delivery", StringComparison.Ordinal))
            .Select(e => (e.Level, e.Message)).Should().Equal((LogLevel.Error, $"Dropping a delivery on note-written: {reason}"));
    }

    [Fact]
    public async Task An_event_written_with_capitalised_names_is_the_same_event()
    {
        var id = Guid.NewGuid();
        var data = JsonDocument.Parse($$"""{"Id":"{{id}}","Text":"capitals"}""").RootElement;

        await ShouldAnswerAsync(
            await _app.CreateClient().PostAsync(
                Route, CloudEvents.Envelope(data, NoteWrittenIntegrationEvent.Topic, NoteWrittenIntegrationEvent.EventType, id.ToString())),
            "SUCCESS");

        (await InboxRowsAsync(id)).Should().ContainSingle();
        (await NotesAsync("capitals")).Should().Be(1);
    }

    [Fact]
    public async Task First_deliveries_and_redeliveries_are_counted_apart()
    {
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var evt = new NoteWrittenIntegrationEvent("counted");

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");
        metrics.Total("g2b.eventing.inbox.handled", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", NoteWrittenIntegrationEvent.Topic).Should().Be(0);

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");
        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");
        metrics.Total("g2b.eventing.inbox.handled", NoteWrittenIntegrationEvent.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", NoteWrittenIntegrationEvent.Topic).Should().Be(2);
    }

    [Fact]
    public async Task A_transient_database_error_in_the_handler_is_retried_at_once_with_one_effect()
    {
        var evt = new NoteWrittenIntegrationEvent("transient");
        // The note of the failed attempt is still in the context when the execution strategy runs the attempt again.
        _app.Probe.FailTransientlyNext(evt.Id, 1);

        await ShouldAnswerAsync(await DeliverAsync(evt), "SUCCESS");

        _app.Probe.CallsFor(evt.Id).Should().Be(2);
        (await NotesAsync("transient")).Should().Be(1);
        (await InboxRowsAsync(evt.Id)).Should().ContainSingle();
    }
}

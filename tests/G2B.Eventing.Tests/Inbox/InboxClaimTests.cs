using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing.Tests.Inbox;

public sealed class ClaimingInboxApp : SharedEventingApp
{
    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddIntegrationEventHandler<ClaimedInSqlIntegrationEvent, SqlClaimingHandler>();
    }
}

/// <summary>
/// A handler that writes the inbox row in its own statement (<see cref="IInboxClaimingHandler"/>): the same "once per
/// event id" as the inbox's own row, with one round trip fewer per delivery.
/// </summary>
public sealed class InboxClaimTests(ClaimingInboxApp shared) : IClassFixture<ClaimingInboxApp>
{
    private readonly EventingTestApp _app = shared.App;

    /// <summary>One event; each delivery posts a fresh body of it.</summary>
    private sealed record Delivery(Guid Id, string Topic, string Text, Func<HttpContent> Body);

    private static Delivery Event(string text)
    {
        var evt = new ClaimedInSqlIntegrationEvent(text);
        return new Delivery(evt.Id, ClaimedInSqlIntegrationEvent.Topic, text,
            () => CloudEvents.For(evt, ClaimedInSqlIntegrationEvent.Topic, ClaimedInSqlIntegrationEvent.EventType));
    }

    private static string Unique(string text) => $"{text}{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> DeliverAsync(Delivery delivery, HttpClient? client = null) =>
        (client ?? _app.CreateClient()).PostAsync($"/events/{delivery.Topic}", delivery.Body());

    private Task<int> NotesAsync(Delivery delivery) =>
        _app.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == $"handled:{delivery.Text}"));

    private Task<int> InboxRowsAsync(Delivery delivery) =>
        _app.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == delivery.Id && m.Consumer == EventingTestApp.Consumer));

    private static async Task ShouldSucceedAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("SUCCESS");
    }

    private List<LogEntry> LogsSince(int count) => shared.Logs.Entries.Skip(count).ToList();

    [Fact]
    public async Task The_inbox_row_goes_in_the_same_round_trip_as_the_handlers_write()
    {
        var delivery = Event(Unique("one-trip"));
        var database = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        using var statements = NpgsqlStatements.Of(database);

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        var delivered = statements.Texts.ToList(); // before this test's own reads

        delivered.Where(t => t.Contains("inbox_messages", StringComparison.Ordinal)).Should()
            .ContainSingle("the inbox writes no row of its own").Which.Should().Contain("notes", "the row travels with the handler's write");
        (await NotesAsync(delivery)).Should().Be(1);
        (await InboxRowsAsync(delivery)).Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_runs_the_effect_with_the_claim_and_returns_its_rows_or_null_for_a_redelivery()
    {
        var delivery = Event(Unique(ClaimingTexts.ThroughExecute));
        var database = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        using var statements = NpgsqlStatements.Of(database);

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        var delivered = statements.Texts.ToList();
        await ShouldSucceedAsync(await DeliverAsync(delivery));

        delivered.Where(t => t.Contains("inbox_messages", StringComparison.Ordinal)).Should()
            .ContainSingle("the effect and the claim are one statement").Which.Should().Contain("notes");
        SqlClaimingHandler.ExecuteResults[delivery.Id].Should().Equal([2, null], "two notes the first time, none for the redelivery");
        (await NotesAsync(delivery)).Should().Be(1);
        (await _app.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == $"handled:{delivery.Text}:second"))).Should().Be(1);
        (await _app.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == $"handled:{delivery.Text}:tracked"))).Should().Be(1, "the inbox saves what the handler tracked");
        (await InboxRowsAsync(delivery)).Should().Be(1);
    }

    [Fact]
    public async Task A_redelivery_reaches_the_handler_leaves_nothing_and_counts_as_a_duplicate()
    {
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var delivery = Event(Unique("twice"));
        var logged = shared.Logs.Entries.Count;

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        await ShouldSucceedAsync(await DeliverAsync(delivery));

        _app.Probe.CallsFor(delivery.Id).Should().Be(2, "a claiming handler runs for the redelivery too");
        (await NotesAsync(delivery)).Should().Be(1, "the redelivery's write was rolled back");
        (await InboxRowsAsync(delivery)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.handled", delivery.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", delivery.Topic).Should().Be(1);
        LogsSince(logged).Should().NotContain(e => e.Level >= LogLevel.Warning, "a redelivery is normal traffic");
    }

    [Fact]
    public async Task Racing_deliveries_of_the_same_event_have_one_effect()
    {
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var delivery = Event(Unique("raced"));
        // Every delivery is inside its handler before the first writes: they all reach the claim together.
        _app.Probe.Delay(delivery.Id, TimeSpan.FromMilliseconds(300));
        var client = _app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(delivery, client)));

        foreach (var response in responses)
        {
            await ShouldSucceedAsync(response);
        }

        (await NotesAsync(delivery)).Should().Be(1);
        (await InboxRowsAsync(delivery)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.handled", delivery.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", delivery.Topic).Should().Be(7);
    }

    [Fact]
    public async Task Where_the_handler_writes_nothing_the_inbox_writes_the_row_after_it()
    {
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var delivery = Event(Unique(ClaimingTexts.WritesNothing));

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        (await InboxRowsAsync(delivery)).Should().Be(1);

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        (await InboxRowsAsync(delivery)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.handled", delivery.Topic).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", delivery.Topic).Should().Be(1);
    }

    [Fact]
    public async Task A_failing_handler_answers_500_leaves_no_row_and_the_redelivery_succeeds()
    {
        // Another event handled first: only this event's own row may make a failure a duplicate.
        await ShouldSucceedAsync(await DeliverAsync(Event(Unique("handled before"))));
        var delivery = Event(Unique("fails once"));
        _app.Probe.FailNext(delivery.Id, 1);

        (await DeliverAsync(delivery)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await InboxRowsAsync(delivery)).Should().Be(0);
        (await NotesAsync(delivery)).Should().Be(0);

        await ShouldSucceedAsync(await DeliverAsync(delivery));
        (await InboxRowsAsync(delivery)).Should().Be(1);
        (await NotesAsync(delivery)).Should().Be(1);
    }

    [Fact]
    public async Task A_transient_database_error_is_retried_at_once_with_one_effect()
    {
        var delivery = Event(Unique("transient"));
        _app.Probe.FailTransientlyNext(delivery.Id, 1);

        await ShouldSucceedAsync(await DeliverAsync(delivery));

        _app.Probe.CallsFor(delivery.Id).Should().Be(2);
        (await NotesAsync(delivery)).Should().Be(1);
        (await InboxRowsAsync(delivery)).Should().Be(1);
    }

    [Fact]
    public async Task A_handler_failing_on_the_state_its_first_delivery_left_is_answered_as_a_duplicate()
    {
        using var metrics = new EventingMetricsRecorder(_app.Services);
        var delivery = Event(Unique(ClaimingTexts.RefusesItsOwnNote));
        await ShouldSucceedAsync(await DeliverAsync(delivery));
        var logged = shared.Logs.Entries.Count;

        await ShouldSucceedAsync(await DeliverAsync(delivery));

        _app.Probe.CallsFor(delivery.Id).Should().Be(2);
        (await NotesAsync(delivery)).Should().Be(1);
        metrics.Total("g2b.eventing.inbox.duplicates", delivery.Topic).Should().Be(1);
        LogsSince(logged).Where(e => e.Message.Contains(delivery.Id.ToString(), StringComparison.Ordinal)).Select(e => (e.Level, e.Message)).Should().Equal(
            (LogLevel.Information,
             $"Event {delivery.Id} on {delivery.Topic} was already processed by {EventingTestApp.Consumer}; its handler failed on the redelivery, skipped"));
    }

    [Fact]
    public async Task A_claim_is_refused_outside_a_claiming_handler_and_once_settled()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var claim = scope.ServiceProvider.GetRequiredService<InboxClaim>();

        claim.IsOpen.Should().BeFalse();
        FluentActions.Invoking(() => claim.InsertSql).Should().Throw<InvalidOperationException>().WithMessage("*IInboxClaimingHandler*");
        FluentActions.Invoking(() => claim.Parameters()).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => claim.Settle(true)).Should().Throw<InvalidOperationException>();

        claim.Open(scope.ServiceProvider.GetRequiredService<EventingTestDbContext>(), Guid.NewGuid(), EventingTestApp.Consumer, DateTimeOffset.UtcNow);
        claim.IsOpen.Should().BeTrue();
        claim.InsertSql.Should().Contain("\"inbox_messages\"").And.Contain("ON CONFLICT (event_id, consumer) DO NOTHING");
        claim.Parameters().Select(p => p.ParameterName).Should().Equal("inbox_event_id", "inbox_consumer", "inbox_processed_at");
        claim.Settle(false);
        claim.IsOpen.Should().BeFalse();
        FluentActions.Invoking(() => claim.Settle(true)).Should().Throw<InvalidOperationException>("a claim is settled once");
    }
}

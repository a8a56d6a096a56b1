namespace Notifications.Tests;

public sealed class StreamTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Scenario Scenario => fixture.Scenario;

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_dropped_stream_resumed_with_Last_Event_ID_loses_nothing_and_repeats_nothing()
    {
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var (registrationNumber, _) = await Scenario.CompanyWithInvoiceAsync(owner);

        string resumeAt;
        await using (var stream = await SseClient.OpenAsync(client, lastEventId: "0"))
        {
            stream.MediaType.Should().Be("text/event-stream");
            (await stream.NextAsync()).Event.Should().Be("company.registered");
            var second = await stream.NextAsync();
            second.Event.Should().Be("application.submitted");
            resumeAt = second.Id!;
        } // the connection drops here, before the third event was read

        await Scenario.DeliverAsync(Scenario.Suspended(registrationNumber)); // while disconnected

        await using var resumed = await SseClient.OpenAsync(client, lastEventId: resumeAt);
        var third = await resumed.NextAsync();
        var fourth = await resumed.NextAsync();
        third.Event.Should().Be("invoice.issued");
        fourth.Event.Should().Be("company.status-changed");
        long.Parse(fourth.Id!).Should().BeGreaterThan(long.Parse(third.Id!));
        fourth.Json.GetProperty("registrationNumber").GetString().Should().Be(registrationNumber);
    }

    [Fact]
    public async Task A_live_stream_receives_new_events_and_never_another_business_events()
    {
        var ownerA = NewOwner();
        var ownerB = NewOwner();
        await using var streamB = await SseClient.OpenAsync(fixture.App.Business(ownerB));

        await Scenario.CompanyWithInvoiceAsync(ownerA);
        var registered = Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], ownerB);
        await Scenario.DeliverAsync(registered);

        var first = await streamB.NextAsync();
        first.Json.GetProperty("id").GetGuid().Should().Be(registered.Id, "A's three events come first but B must not see them");
    }

    [Fact]
    public async Task An_idle_stream_sends_heartbeats()
    {
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(NewOwner()));

        (await stream.NextCommentAsync()).Should().Be(": heartbeat");
    }

    [Fact]
    public async Task An_idle_stream_does_not_read_the_feed_between_heartbeats()
    {
        var owner = NewOwner();
        using var reads = new FeedReads(owner);
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));

        for (var i = 0; i < 3; i++)
        {
            (await stream.NextCommentAsync()).Should().Be(": heartbeat"); // one a second here
        }

        reads.Count.Should().Be(0, "nothing it may see happened, and a stream reads only when woken: it does not poll");
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_a_validation_problem()
    {
        var client = fixture.App.Business(NewOwner());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream");
        request.Headers.Add("Last-Event-ID", "not-an-id");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ProblemTypeAsync()).Should().Be("validation");
    }
}

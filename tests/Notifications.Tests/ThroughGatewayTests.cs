namespace Notifications.Tests;

public sealed class ThroughGatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_stream_passes_the_gateway_unbuffered_one_event_at_a_time()
    {
        var owner = NewOwner();
        await using var stream = await SseClient.OpenAsync(await fixture.ClientAsAsync(owner, "business"));
        stream.MediaType.Should().Be("text/event-stream");
        var registrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..8];

        // Each event is read before the next exists: a buffering proxy would hold the first back.
        await fixture.Scenario.DeliverAsync(Scenario.Registered(registrationNumber, owner));
        (await stream.NextAsync()).Event.Should().Be("company.registered");
        await fixture.Scenario.DeliverAsync(Scenario.Suspended(registrationNumber));
        var second = await stream.NextAsync();
        second.Event.Should().Be("company.status-changed");

        await using var resumed = await SseClient.OpenAsync(await fixture.ClientAsAsync(owner, "business"), lastEventId: "0");
        (await resumed.NextAsync()).Event.Should().Be("company.registered");
        (await resumed.NextAsync()).Id.Should().Be(second.Id);
    }

    [Fact]
    public async Task Feed_and_webhooks_answer_through_the_gateway()
    {
        var owner = NewOwner();
        var client = await fixture.ClientAsAsync(owner, "business");
        await fixture.Scenario.CompanyWithInvoiceAsync(owner);

        var feed = await Scenario.FeedAsync(client);
        feed.Items.Select(i => i.Type).Should().Equal("company.registered", "application.submitted", "invoice.issued");

        using var created = await client.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        using var unauthenticated = await fixture.Gateway.CreateClient().GetAsync("/api/events/stream");
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>The webhook sender's poll pushed out of reach: only its own signal can wake it.</summary>
public sealed class NoWebhookPollingFixture() : AppFixture(("Webhooks:PollInterval", "01:00:00"));

public sealed class WebhookWakeTests(NoWebhookPollingFixture fixture) : IClassFixture<NoWebhookPollingFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    public void Dispose() => _receiver.Stop();

    private HttpClient NewOwner(out string owner)
    {
        owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        return fixture.App.Business(owner);
    }

    [Fact]
    public async Task Messages_queued_with_a_feed_item_wake_the_sender()
    {
        var client = NewOwner(out var owner);
        await Webhooks.CreateAsync(client, _receiver.Url!);

        await fixture.Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));

        await Eventually.HoldsAsync(() => _receiver.LogEntries.Any(), "the event's message is sent", TimeSpan.FromSeconds(20));
        Webhooks.EventType(_receiver.LogEntries.Single()).Should().Be("company.registered");
    }

    [Fact]
    public async Task A_test_ping_wakes_the_sender()
    {
        var client = NewOwner(out _);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);

        using var response = await client.PostAsync($"/api/webhooks/{hook.Id}/test", null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _receiver.LogEntries.Any(), "the ping is sent", TimeSpan.FromSeconds(20));
        Webhooks.EventType(_receiver.LogEntries.Single()).Should().Be("webhook.ping");
    }
}

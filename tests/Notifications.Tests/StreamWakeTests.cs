namespace Notifications.Tests;

/// <summary>Polling and heartbeats pushed out of reach: only PostgreSQL's NOTIFY at commit can wake a reader.</summary>
public sealed class NoPollingFixture() : AppFixture(("Stream:PollInterval", "01:00:00"), ("Stream:HeartbeatInterval", "01:00:00"));

public sealed class StreamWakeTests(NoPollingFixture fixture) : IClassFixture<NoPollingFixture>
{
    [Fact]
    public async Task A_waiting_reader_is_woken_by_the_commit_of_a_new_event()
    {
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));
        var registered = Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner);

        await fixture.Scenario.DeliverAsync(registered);

        (await stream.NextAsync()).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);
    }
}

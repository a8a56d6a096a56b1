using Microsoft.Extensions.Time.Testing;

namespace Notifications.Tests;

/// <summary>The app on a clock the test moves by hand: heartbeats every 10 s of it, and nothing else moves it.</summary>
public sealed class ClockedStreamFixture() : AppFixture(("Stream:HeartbeatInterval", "00:00:10"))
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override Task<NotificationsApp> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        NotificationsApp.StartAsync(settings, clock: Clock);
}

public sealed class HeartbeatTests(ClockedStreamFixture fixture) : IClassFixture<ClockedStreamFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task A_heartbeat_is_due_a_whole_interval_after_the_last_write_whatever_it_was()
    {
        var (owner, company) = ("biz-" + Guid.NewGuid().ToString("N")[..8], "REG-" + Guid.NewGuid().ToString("N")[..8]);
        await Scenario.DeliverAsync(Scenario.Registered(company, owner));
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner)); // its first write: T
        fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        await Scenario.DeliverAsync(Scenario.Suspended(company));
        (await stream.NextAsync()).Event.Should().Be("company.status-changed"); // written at T+6

        var heartbeat = stream.NextCommentAsync(TimeSpan.FromSeconds(30));
        fixture.Clock.Advance(TimeSpan.FromSeconds(6)); // T+12: an interval since the stream opened, 6 s since the event
        (await Task.WhenAny(heartbeat, Task.Delay(TimeSpan.FromSeconds(1)))).Should().NotBeSameAs(
            heartbeat, "the event was written 6 s ago: a heartbeat would say nothing the event did not");
        fixture.Clock.Advance(TimeSpan.FromSeconds(4)); // T+16

        (await heartbeat).Should().Be(": heartbeat");
    }
}

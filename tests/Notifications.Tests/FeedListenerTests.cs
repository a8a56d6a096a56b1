using Npgsql;

namespace Notifications.Tests;

/// <summary>
/// The app's database connections go through a <see cref="TcpRelay"/>; streams have no heartbeat within reach, so only
/// the feed listener can wake them, and it checks its connection every half second.
/// </summary>
public sealed class RelayedListenerFixture() : AppFixture(
    ("Stream:HeartbeatInterval", "01:00:00"),
    ("Feed:ListenerCheckInterval", "00:00:00.500"),
    ("Feed:ListenerCheckTimeout", "00:00:02"),
    ("Feed:ListenerRetryDelay", "00:00:00.200"))
{
    public TcpRelay Relay { get; private set; } = null!;

    /// <summary>The connection string the app was given (through the relay).</summary>
    public string Relayed { get; private set; } = "";

    protected override async Task<NotificationsApp> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        Relay = TcpRelay.To((await TestPostgres.GetAsync()).Port);
        return await NotificationsApp.StartAsync(settings, route: direct => Relayed =
            new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = Relay.Port }.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }
}

public sealed class FeedListenerTests(RelayedListenerFixture fixture) : IClassFixture<RelayedListenerFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task A_listener_connection_gone_silent_is_found_replaced_and_the_streams_read_what_it_missed()
    {
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));
        var before = await ListenerAsync();

        // Every connection open now goes silent without closing, the listener's included; the pool's idle ones are
        // dropped so that the app's own work below opens new ones, which the relay carries.
        fixture.Relay.Blackhole();
        NpgsqlConnection.ClearPool(new NpgsqlConnection(fixture.Relayed));
        var registered = Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner);
        await Scenario.DeliverAsync(registered); // its NOTIFY goes to the silent connection

        (await stream.NextAsync(TimeSpan.FromSeconds(15))).Json.GetProperty("id").GetGuid().Should().Be(registered.Id);
        (await ListenerAsync()).Should().NotBe(before, "a new connection listens");
    }

    [Fact]
    public async Task A_quiet_listener_checks_its_connection_without_waking_the_streams()
    {
        // A listener that has just connected wakes every open stream once (whatever was committed before it listened),
        // so the stream opens only once the app's listener is past that: when it has run its first check.
        var listener = await ListenerAsync();
        await UntilCheckedAfterAsync(listener, DateTime.MinValue);

        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        using var reads = new FeedReads(owner);
        await using var stream = await SseClient.OpenAsync(fixture.App.Business(owner));
        var opened = await ServerNowAsync();
        await UntilCheckedAfterAsync(listener, opened);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // about three more checks

        (await ListenerAsync()).Should().Be(listener, "an answered check keeps the connection");
        reads.Count.Should().Be(0, "a check that found the connection alive wakes nobody");
    }

    /// <summary>Until the listener's last query is its check, started after <paramref name="since"/> (server time).</summary>
    private Task UntilCheckedAfterAsync(int listener, DateTime since) =>
        Eventually.UntilAsync(
            _ => LastQueryAsync(listener),
            last => last is ("SELECT 1", var started) && started > since,
            "the listener's check on its connection", TimeSpan.FromSeconds(10));

    /// <summary>
    /// The backend pid of the app's newest listener on this test's database (a connection silenced by the relay stays
    /// open on the server's side: the server never hears it close).
    /// </summary>
    private async Task<int> ListenerAsync() =>
        (await Eventually.UntilAsync(_ => NewestListenerAsync(), pid => pid is not null, "a feed listener", TimeSpan.FromSeconds(10)))!.Value;

    private async Task<int?> NewestListenerAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() ORDER BY backend_start DESC LIMIT 1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "notifications-feed-listener" });
        return await command.ExecuteScalarAsync() as int?;
    }

    private async Task<(string? Query, DateTime Started)> LastQueryAsync(int pid)
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT query, query_start FROM pg_stat_activity WHERE pid = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = pid });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetDateTime(1)) : (null, DateTime.MinValue);
    }

    private async Task<DateTime> ServerNowAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}

using System.Collections.Concurrent;
using G2B.DaprSidecar.Components;
using StackExchange.Redis;

namespace G2B.DaprSidecar.Delivery;

/// <summary>
/// Redis connections per pubsub component. Commands share one multiplexer; the blocking XREADGROUP gets its
/// own, because a blocked command holds up everything queued behind it on the same connection.
/// </summary>
public sealed class RedisBroker(ILogger<RedisBroker> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _connections = new();

    public async Task<IDatabase> DatabaseAsync(PubSubComponent component, bool forBlockingReads = false)
    {
        var key = $"{component.Name}|{(forBlockingReads ? "reader" : "commands")}";
        var lazy = _connections.GetOrAdd(key, _ => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(component, forBlockingReads)));
        return (await lazy.Value).GetDatabase();
    }

    /// <summary>True when every component's command connection is up (the outbound health of daprd).</summary>
    public async Task<bool> IsConnectedAsync(IEnumerable<PubSubComponent> components)
    {
        foreach (var component in components)
        {
            var db = await DatabaseAsync(component);
            if (!db.Multiplexer.IsConnected)
            {
                return false;
            }
        }

        return true;
    }

    public async Task<string> AddAsync(PubSubComponent component, string stream, byte[] data, string metadataJson)
    {
        var db = await DatabaseAsync(component);
        NameValueEntry[] fields = [new("data", data), new("metadata", metadataJson)];
        var id = await db.StreamAddAsync(
            stream, fields, maxLength: component.MaxLenApprox, useApproximateMaxLength: component.MaxLenApprox is not null);
        return id.ToString();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(PubSubComponent component, bool forBlockingReads)
    {
        var options = ConfigurationOptions.Parse(component.RedisHost);
        options.Password = component.RedisPassword;
        // Keep trying in the background: Redis may start after the sidecar or restart under it.
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 3;
        options.ClientName = $"g2b-sidecar-{component.Name}";
        // Stream replies are parsed by hand (StreamReading); RESP2 keeps their shape fixed.
        options.Protocol = RedisProtocol.Resp2;
        if (forBlockingReads)
        {
            // XREADGROUP BLOCK waits up to the read block; the timeout must stay above it.
            options.SyncTimeout = 15_000;
            options.AsyncTimeout = 15_000;
        }

        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection for {Component} failed: {Failure}", component.Name, e.FailureType);
        connection.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection for {Component} restored", component.Name);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await lazy.Value).DisposeAsync();
            }
            catch (RedisException)
            {
                // Already broken; nothing left to release.
            }
        }
    }
}

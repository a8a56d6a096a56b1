using System.Collections.Concurrent;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;
using StackExchange.Redis;

namespace G2B.DaprSidecar.Delivery;

/// <summary>
/// Reads the app's topics from Redis Streams and hands entries to <see cref="MessageDeliverer"/>, at most
/// <see cref="SidecarOptions.MaxConcurrency"/> at a time. At start it first re-delivers its own pending entries
/// (left by a sidecar that stopped mid-delivery); afterwards it reclaims entries pending longer than processingTimeout.
/// </summary>
public sealed class DeliveryService(
    SidecarOptions options,
    SidecarResources resources,
    RedisBroker broker,
    SubscriptionManager subscriptions,
    MessageDeliverer deliverer,
    ILogger<DeliveryService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AppPort is null)
        {
            return;
        }

        try
        {
            await subscriptions.WaitLoadedAsync(stoppingToken);
            var components = resources.PubSubs.Where(c => c.IsScopedTo(options.AppId)).ToList();
            await Task.WhenAll(components.SelectMany(c => new[] { ReadLoopAsync(c, stoppingToken), ReclaimLoopAsync(c, stoppingToken) }));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: in-flight deliveries are cancelled too, and stay pending in Redis for the next start.
        }

        await Task.WhenAll(_inFlight.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task ReadLoopAsync(PubSubComponent component, CancellationToken stop)
    {
        var group = component.ConsumerId(options.AppId);
        var prepared = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            var topics = subscriptions.Current.Where(s => s.PubSubName == component.Name).Select(s => s.Topic).Distinct().ToList();
            if (topics.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
                continue;
            }

            var held = 0;
            try
            {
                var db = await broker.DatabaseAsync(component);
                foreach (var topic in topics.Where(t => !prepared.Contains(t)))
                {
                    await StreamReading.EnsureGroupAsync(db, topic, group);
                    await RecoverPendingAsync(component, db, topic, group, stop);
                    prepared.Add(topic);
                }

                await _slots.WaitAsync(stop);
                held = 1;
                while (held < 32 && _slots.Wait(0))
                {
                    held++;
                }

                var reader = await broker.DatabaseAsync(component, forBlockingReads: true);
                var messages = await StreamReading.ReadNewAsync(reader, group, group, topics, held, options.ReadBlock);
                foreach (var message in messages)
                {
                    held--;
                    Dispatch(component, message, stop);
                }
            }
            catch (RedisServerException ex) when (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
            {
                // Redis lost the group (restarted without AOF, or the stream was deleted): create it again.
                logger.LogWarning("Consumer group {Group} missing on {Component}; recreating", group, component.Name);
                prepared.Clear();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Reading {Component} failed: {Message}; retrying", component.Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            finally
            {
                if (held > 0)
                {
                    _slots.Release(held);
                }
            }
        }
    }

    private async Task RecoverPendingAsync(PubSubComponent component, IDatabase db, string topic, string group, CancellationToken stop)
    {
        // XREADGROUP with id 0 returns this consumer's own pending entries, oldest first.
        RedisValue after = "0";
        while (!stop.IsCancellationRequested)
        {
            var entries = await db.StreamReadGroupAsync(topic, group, group, after, count: 100);
            if (entries.Length == 0)
            {
                return;
            }

            logger.LogInformation("Re-delivering {Count} pending messages on {Topic}", entries.Length, topic);
            foreach (var entry in entries)
            {
                await _slots.WaitAsync(stop);
                Dispatch(component, StreamReading.FromEntry(topic, entry), stop);
            }

            after = entries[^1].Id;
        }
    }

    private async Task ReclaimLoopAsync(PubSubComponent component, CancellationToken stop)
    {
        var group = component.ConsumerId(options.AppId);
        using var timer = new PeriodicTimer(component.RedeliverInterval);
        while (await timer.WaitForNextTickAsync(stop))
        {
            foreach (var topic in subscriptions.Current.Where(s => s.PubSubName == component.Name).Select(s => s.Topic).Distinct())
            {
                try
                {
                    var db = await broker.DatabaseAsync(component);
                    RedisValue start = "0-0";
                    do
                    {
                        var claimed = await db.StreamAutoClaimAsync(
                            topic, group, group, (long)component.ProcessingTimeout.TotalMilliseconds, start, count: 100);
                        foreach (var entry in claimed.ClaimedEntries.Where(e => !_inFlight.ContainsKey(Key(topic, e.Id!))))
                        {
                            await _slots.WaitAsync(stop);
                            Dispatch(component, StreamReading.FromEntry(topic, entry), stop);
                        }

                        start = claimed.NextStartId;
                    }
                    while (start != "0-0" && !stop.IsCancellationRequested);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning("Reclaiming pending messages on {Topic} failed: {Message}", topic, ex.Message);
                }
            }
        }
    }

    /// <summary>Runs one delivery; the caller holds a slot, released when the delivery ends.</summary>
    private void Dispatch(PubSubComponent component, StreamMessage message, CancellationToken stop)
    {
        var key = Key(message.Topic, message.Id);
        if (_inFlight.ContainsKey(key))
        {
            _slots.Release();
            return;
        }

        var gate = new TaskCompletionSource();
        var task = Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await deliverer.DeliverAsync(component, message, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped mid-delivery: not acked, so the next start re-delivers it.
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Delivering message {Id} on {Topic} failed", message.Id, message.Topic);
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
                _slots.Release();
            }
        }, CancellationToken.None);
        _inFlight[key] = task;
        gate.SetResult();
    }

    private static string Key(string topic, string id) => $"{topic}\n{id}";
}

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
public sealed partial class DeliveryService(
    SidecarOptions options,
    SidecarResources resources,
    RedisBroker broker,
    SubscriptionManager subscriptions,
    MessageDeliverer deliverer,
    LoopSupervisor supervisor,
    ILogger<DeliveryService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    /// <summary>Test seam: runs at the start of every read round, so a test can make the read loop fault.</summary>
    internal Func<CancellationToken, Task>? BeforeRead { get; set; }

    /// <summary>Test seam: runs as a delivery starts, on the thread (and stack) that starts it.</summary>
    internal Action<StreamMessage>? DeliveryStarting { get; set; }

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
            await Task.WhenAll(components.SelectMany(c => new[]
            {
                supervisor.RunAsync($"read {c.Name}", ct => ReadLoopAsync(c, $"read {c.Name}", ct), stoppingToken),
                supervisor.RunAsync($"reclaim {c.Name}", ct => ReclaimLoopAsync(c, $"reclaim {c.Name}", ct), stoppingToken),
            }));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: in-flight deliveries are cancelled too, and stay pending in Redis for the next start.
        }

        await Task.WhenAll(_inFlight.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task ReadLoopAsync(PubSubComponent component, string name, CancellationToken stop)
    {
        var group = component.ConsumerId(options.AppId);
        var prepared = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            if (BeforeRead is { } hook)
            {
                await hook(stop);
            }

            var topics = subscriptions.Current.Where(s => s.PubSubName == component.Name).Select(s => s.Topic).Distinct().ToList();
            if (topics.Count == 0)
            {
                supervisor.Alive(name);
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

                // XREADGROUP's COUNT applies to each stream, not to the whole read: ask each topic for its share of
                // the slots held. With more topics than slots one read still returns up to one entry a topic; those
                // beyond the slots held wait for a slot of their own in Dispatch.
                var perStream = Math.Max(1, held / topics.Count);
                var reader = await broker.DatabaseAsync(component, forBlockingReads: true);
                // Stopping does not wait out the block: an entry the abandoned read still takes stays pending for
                // this consumer, and the next start re-delivers it (RecoverPendingAsync).
                var messages = await StreamReading.ReadNewAsync(reader, group, group, topics, perStream, options.ReadBlock).WaitAsync(stop);
                foreach (var message in messages)
                {
                    var withSlot = held > 0;
                    if (withSlot)
                    {
                        held--;
                    }

                    Dispatch(component, message, withSlot, stop);
                }

                supervisor.Alive(name);
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

    /// <summary>
    /// Runs one delivery. Every slot taken is released exactly once: the caller's when <paramref name="withSlot"/>,
    /// else one the delivery waits for itself. The entry counts as in flight at once, so the reclaimer leaves it alone.
    /// </summary>
    private void Dispatch(PubSubComponent component, StreamMessage message, bool withSlot, CancellationToken stop)
    {
        var key = Key(message.Topic, message.Id);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(key, done.Task))
        {
            if (withSlot)
            {
                _slots.Release();
            }

            return;
        }

        // Started here, not through Task.Run: the delivery runs on the reading thread until its first wait (the app's
        // answer, or a slot), so the entry is on its way to the app without a hop through the thread pool. What runs
        // before that wait is a few microseconds of envelope work; any exception lands in the task, never in the loop.
        _ = DeliverAsync();

        async Task DeliverAsync()
        {
            var holds = withSlot;
            try
            {
                DeliveryStarting?.Invoke(message);
                if (!holds)
                {
                    await _slots.WaitAsync(stop);
                    holds = true;
                }

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
                if (holds)
                {
                    _slots.Release();
                }

                done.TrySetResult();
            }
        }
    }

    private static string Key(string topic, string id) => $"{topic}\n{id}";
}

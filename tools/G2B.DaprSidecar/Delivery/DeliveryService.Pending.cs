using G2B.DaprSidecar.Components;
using StackExchange.Redis;

namespace G2B.DaprSidecar.Delivery;

/// <summary>Entries already handed to this consumer: its own after a restart, and any stuck past processingTimeout.</summary>
public sealed partial class DeliveryService
{
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
                Dispatch(component, StreamReading.FromEntry(topic, entry), withSlot: true, stop);
            }

            after = entries[^1].Id;
        }
    }

    private async Task ReclaimLoopAsync(PubSubComponent component, string name, CancellationToken stop)
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
                            Dispatch(component, StreamReading.FromEntry(topic, entry), withSlot: true, stop);
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

            supervisor.Alive(name);
        }
    }
}

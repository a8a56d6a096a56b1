using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using Notifications.Api.Feed;

namespace Notifications.Api.Webhooks;

/// <summary>
/// Drains the delivery outbox. A message is claimed with a lease (not a held transaction), sent,
/// and its outcome recorded; a crash mid-send leaves it claimed until the lease ends, then it is
/// sent again with the same <c>webhook-id</c> (at least once). Each endpoint has at most
/// <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> messages in flight here, and sends run
/// concurrently, so one slow receiver never holds up another's.
/// </summary>
internal sealed class WebhookSender(
    IServiceScopeFactory scopes, FeedSignal signal, IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();

    // A send finished here: its endpoint may have a next message. Nobody else needs to know.
    private readonly Signal _slotFree = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = new IdleBackoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Task.WhenAny(signal.Webhooks.Next, _slotFree.Next);
            var claimed = 0;
            DateTimeOffset? nextDue = null;
            try
            {
                var (batch, due) = await ClaimAsync(stoppingToken);
                nextDue = due;
                foreach (var (deliveryId, endpointId) in batch)
                {
                    claimed++;
                    _inFlight.AddOrUpdate(endpointId, 1, (_, n) => n + 1);
                    _ = Task.Run(() => SendAsync(deliveryId, endpointId, stoppingToken), CancellationToken.None);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Claiming webhook deliveries failed; retrying");
            }

            if (claimed == 0)
            {
                await Task.WhenAny(wake, Task.Delay(options.CurrentValue.IdleWait(idle, time.GetUtcNow(), nextDue), stoppingToken));
            }
            else
            {
                idle.Reset();
            }
        }
    }

    private async Task SendAsync(Guid deliveryId, Guid endpointId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookAttemptRunner>().RunAsync(deliveryId, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The lease runs out and the message is tried again.
            logger.LogError(ex, "Webhook delivery {DeliveryId} could not be attempted", deliveryId);
        }
        finally
        {
            _inFlight.AddOrUpdate(endpointId, 0, (_, n) => n - 1);
            _slotFree.Pulse(); // look for that endpoint's next message
        }
    }

    // The messages claimed; when there are none, also when the earliest one this sender could claim falls due (its
    // next attempt, or the end of the lease of a sender that abandoned it), so an idle sender sleeps until then.
    // Endpoints busy here are left out of both: a finished send wakes the loop for them.
    private async Task<(List<(Guid DeliveryId, Guid EndpointId)> Claimed, DateTimeOffset? NextDue)> ClaimAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        // Endpoints with messages in flight here get none more until those finish.
        var busy = _inFlight.Where(p => p.Value > 0).Select(p => p.Key).ToArray();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ClaimOnAsync(db.Database.GetDbConnection(), settings, now, busy, ct);
        }
        finally
        {
            // Opened here, so closed here: the pooled context goes on to serve other scopes.
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(List<(Guid DeliveryId, Guid EndpointId)> Claimed, DateTimeOffset? NextDue)> ClaimOnAsync(
        DbConnection connection, WebhookOptions settings, DateTimeOffset now, Guid[] busy, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        // The UPDATE re-checks the lease under the row lock, so two senders never both win a row.
        command.CommandText = """
            WITH due AS (
                SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) AS rn
                FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'Pending' AND d.next_attempt_at <= @now
                  AND (d.locked_until IS NULL OR d.locked_until < @now)
                  AND e.disabled_at IS NULL AND NOT (d.endpoint_id = ANY(@busy))
            ), picked AS (SELECT id FROM due WHERE rn <= @per ORDER BY rn LIMIT @batch)
            UPDATE webhook_deliveries w SET locked_until = @lease
            FROM picked
            WHERE w.id = picked.id AND w.status = 'Pending' AND (w.locked_until IS NULL OR w.locked_until < @now)
            RETURNING w.id, w.endpoint_id
            """;
        Add(command, "now", now);
        Add(command, "busy", busy);
        Add(command, "per", settings.MaxConcurrencyPerEndpoint);
        Add(command, "batch", settings.BatchSize);
        // Long enough for the send and its bookkeeping: only a crash lets a lease run out.
        Add(command, "lease", now + settings.Timeout * 3);

        var claimed = new List<(Guid, Guid)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                claimed.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        if (claimed.Count > 0)
        {
            return (claimed, null);
        }

        await using var next = connection.CreateCommand();
        next.CommandText = """
            SELECT min(greatest(d.next_attempt_at, coalesce(d.locked_until, d.next_attempt_at)))
            FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.status = 'Pending' AND e.disabled_at IS NULL AND NOT (d.endpoint_id = ANY(@busy))
            """;
        Add(next, "busy", busy);
        return (claimed, await next.ExecuteScalarAsync(ct) is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null);
    }

    private static void Add(DbCommand command, string name, object value) =>
        command.Parameters.Add(new NpgsqlParameter(name, value));
}

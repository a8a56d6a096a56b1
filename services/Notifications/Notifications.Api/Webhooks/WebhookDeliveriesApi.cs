using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Api.Feed;

namespace Notifications.Api.Webhooks;

internal static class WebhookDeliveriesApi
{
    private const int ListLimit = 100;

    /// <summary>The latest deliveries, newest first, each with every attempt.</summary>
    public static async Task<Results<Ok<DeliveryList>, ProblemHttpResult>> ListAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (!await WebhooksApi.Owned(db, user).AnyAsync(e => e.Id == id, ct))
        {
            return Problems.NotFound($"No webhook {id}.");
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(ListLimit).ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return TypedResults.Ok(new DeliveryList(deliveries.Select(d => DeliveryResponse.From(d, attempts[d.Id])).ToList()));
    }

    /// <summary>Sends the same message again (same <c>webhook-id</c>), whatever its state.</summary>
    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, Guid deliveryId, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, FeedSignal signal, CancellationToken ct)
    {
        var endpoint = await WebhooksApi.Owned(db, user).SingleOrDefaultAsync(e => e.Id == id, ct);
        var delivery = endpoint is null
            ? null
            : await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id, ct);
        if (delivery is null)
        {
            return Problems.NotFound($"No delivery {deliveryId} of webhook {id}.");
        }

        delivery.Redeliver(endpoint!, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        signal.Webhooks.Pulse(); // this replica's sender sends it now (others find it by polling)
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", DeliveryResponse.From(delivery, []));
    }
}

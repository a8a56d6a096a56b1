using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Notifications.Api.Feed;

namespace Notifications.Api.Webhooks;

/// <summary>Endpoints belong to the person who registered them; another's looks missing (404).</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/webhooks").WithTags("Webhooks")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));
        hooks.MapPost("/", CreateAsync);
        hooks.MapGet("/", ListAsync);
        hooks.MapGet("/{id:guid}", GetAsync);
        hooks.MapDelete("/{id:guid}", DeleteAsync);
        hooks.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync);
        hooks.MapPost("/{id:guid}/test", TestAsync);
        hooks.MapGet("/{id:guid}/deliveries", WebhookDeliveriesApi.ListAsync);
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", WebhookDeliveriesApi.RedeliverAsync);
        return app;
    }

    internal static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookRequest? request, ClaimsPrincipal user, NotificationsDbContext db, SsrfGuard guard, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await guard.ValidateUrlAsync(request?.Url, ct) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        var types = (request?.EventTypes ?? []).Distinct().ToList();
        if (types.Any(t => !FeedTypes.All.Contains(t)))
        {
            errors["eventTypes"] = [$"Unknown event types: {string.Join(", ", types.Where(t => !FeedTypes.All.Contains(t)))}."];
        }

        if (request?.Description is { Length: > 500 })
        {
            errors["description"] = ["description is at most 500 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            OwnerSubject = user.GetSubject()!,
            AllCompanies = user.IsRegulator(),
            Url = request!.Url!,
            EventTypes = types,
            Description = request.Description,
            Secret = WebhookSecrets.Create(),
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{endpoint.Id}", new CreatedWebhookResponse(
            endpoint.Id, endpoint.Url, endpoint.EventTypes, endpoint.Description, endpoint.CreatedAt, endpoint.Secret));
    }

    internal static async Task<Ok<WebhookList>> ListAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var items = await Owned(db, user).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new WebhookList(items.Select(WebhookResponse.From).ToList()));
    }

    internal static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct) =>
        await Owned(db, user).SingleOrDefaultAsync(e => e.Id == id, ct) is { } endpoint
            ? TypedResults.Ok(WebhookResponse.From(endpoint))
            : Problems.NotFound($"No webhook {id}.");

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        // Deliveries and attempts go with it (cascade): nothing more is sent to a deleted endpoint.
        var deleted = await Owned(db, user).Where(e => e.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Problems.NotFound($"No webhook {id}.") : TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<RotatedSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, IOptionsMonitor<WebhookOptions> options, CancellationToken ct)
    {
        var endpoint = await Owned(db, user).AsTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return Problems.NotFound($"No webhook {id}.");
        }

        endpoint.PreviousSecret = endpoint.Secret;
        endpoint.PreviousSecretExpiresAt = time.GetUtcNow() + options.CurrentValue.SecretOverlap;
        endpoint.Secret = WebhookSecrets.Create();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RotatedSecretResponse(endpoint.Secret, endpoint.PreviousSecretExpiresAt.Value));
    }

    /// <summary>Queues a <c>webhook.ping</c> through the normal delivery path (signed, retried, listed).</summary>
    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> TestAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, FeedSignal signal, CancellationToken ct)
    {
        var endpoint = await Owned(db, user).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return Problems.NotFound($"No webhook {id}.");
        }

        var now = time.GetUtcNow();
        var delivery = endpoint.Ping(FeedTypes.Ping, WebhookFanOut.Serialize(FeedTypes.Ping, now, new { webhookId = id }), now);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        signal.Webhooks.Pulse(); // this replica's sender sends it now (others find it by polling)
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", DeliveryResponse.From(delivery, []));
    }

    internal static IQueryable<WebhookEndpoint> Owned(NotificationsDbContext db, ClaimsPrincipal user)
    {
        var subject = user.GetSubject() ?? string.Empty;
        return db.WebhookEndpoints.AsNoTracking().Where(e => e.OwnerSubject == subject);
    }
}

using System.Text.Json;
using G2B.IntegrationEvents;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2B.Eventing;

/// <summary>The body Dapr reads from a subscriber: <c>SUCCESS</c>, <c>RETRY</c> or <c>DROP</c>.</summary>
public sealed record DaprDeliveryStatus(string Status)
{
    public static DaprDeliveryStatus Success { get; } = new("SUCCESS");

    public static DaprDeliveryStatus Drop { get; } = new("DROP");
}

/// <summary>
/// Runs one delivery through the inbox: the inbox row and the handler's effects commit in one
/// transaction, so a redelivered event id changes nothing. A concurrency conflict (see
/// <see cref="InboxConflicts"/>) rolls back and runs the handler again, a few times, before the
/// delivery counts as failed.
/// </summary>
internal static class InboxEndpoint<TEvent, TContext>
    where TEvent : IntegrationEvent, ITopicEvent
    where TContext : DbContext
{
    private enum Outcome { Handled, Duplicate }

    public static async Task<Results<Ok<DaprDeliveryStatus>, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        IServiceScopeFactory scopes,
        IOptions<EventingOptions> options,
        EventingMetrics metrics,
        TimeProvider time,
        ILogger<IIntegrationEventHandler<TEvent>> logger,
        CancellationToken ct)
    {
        var evt = await ReadEventAsync(http, logger, ct);
        if (evt is null)
        {
            // Redelivering a body we cannot read would fail forever: Dapr drops it (to the
            // dead-letter topic, where it is logged and counted).
            return TypedResults.Ok(DaprDeliveryStatus.Drop);
        }

        var consumer = options.Value.ConsumerName;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await HandleOnceAsync(scopes, evt, consumer, time, ct);
                if (outcome == Outcome.Duplicate)
                {
                    metrics.Duplicate(TEvent.Topic);
                    logger.LogInformation("Event {EventId} on {Topic} was already processed by {Consumer}; skipped", evt.Id, TEvent.Topic, consumer);
                }
                else
                {
                    metrics.Handled(TEvent.Topic);
                }

                return TypedResults.Ok(DaprDeliveryStatus.Success);
            }
            catch (Exception ex) when (attempt < InboxConflicts.MaxAttempts && InboxConflicts.IsConflict(ex) && !ct.IsCancellationRequested)
            {
                // Normal traffic, not a failure: the transaction rolled back, so the next attempt
                // starts clean and reads what the other writer committed.
                metrics.ConflictRetry(TEvent.Topic);
                logger.LogDebug(ex, "Event {EventId} on {Topic} met a concurrent write (attempt {Attempt} of {MaxAttempts}); handling it again",
                    evt.Id, TEvent.Topic, attempt, InboxConflicts.MaxAttempts);
                await Task.Delay(InboxConflicts.Backoff(attempt), time, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (await HandledBeforeAsync(scopes, evt.Id, consumer, ct))
                {
                    // A handler that claims the inbox itself ran for a redelivery and failed on the state its first
                    // delivery left (an IInboxClaimingHandler should not, but a redelivery must never become a 500).
                    metrics.Duplicate(TEvent.Topic);
                    logger.LogInformation(ex, "Event {EventId} on {Topic} was already processed by {Consumer}; its handler failed on the redelivery, skipped",
                        evt.Id, TEvent.Topic, consumer);
                    return TypedResults.Ok(DaprDeliveryStatus.Success);
                }

                // A 500 makes the sidecar retry (resiliency policy), then dead-letter.
                logger.LogError(ex, "Handling event {EventId} on {Topic} failed", evt.Id, TEvent.Topic);
                return Problems.Create(
                    StatusCodes.Status500InternalServerError,
                    "event-handler-failed",
                    "The event could not be handled.",
                    $"Event {evt.Id} on topic {TEvent.Topic} failed; it will be redelivered.");
            }
        }
    }

    /// <summary>
    /// One attempt in a scope of its own: a fresh DbContext and fresh handler collaborators, so nothing
    /// read by a failed attempt (tracked entities, cached rows) leaks into the next.
    /// </summary>
    private static async Task<Outcome> HandleOnceAsync(
        IServiceScopeFactory scopes, TEvent evt, string consumer, TimeProvider time, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var handler = scope.ServiceProvider.GetRequiredService<IIntegrationEventHandler<TEvent>>();
        var claim = handler is IInboxClaimingHandler ? scope.ServiceProvider.GetRequiredService<InboxClaim>() : null;
        // The handler's save needs no savepoint: a failure ends the attempt's transaction whole (see ServiceDbContext).
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // Disposed without a commit (any exception) means rolled back.
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var outcome = claim is null
                ? await ClaimFirstAsync(db, handler, evt, consumer, time, token)
                : await HandlerClaimsAsync(db, handler, claim, evt, consumer, time, token);
            if (outcome == Outcome.Duplicate)
            {
                // Stryker disable once Statement : equivalent; leaving the lambda disposes the uncommitted transaction, which rolls it back.
                await transaction.RollbackAsync(token);
                return Outcome.Duplicate;
            }

            await transaction.CommitAsync(token);
            return Outcome.Handled;
        }, ct);
    }

    // The inbox row first, then the handler: a duplicate never reaches the handler.
    private static async Task<Outcome> ClaimFirstAsync(
        TContext db, IIntegrationEventHandler<TEvent> handler, TEvent evt, string consumer, TimeProvider time, CancellationToken ct)
    {
        // The primary key decides. A concurrent delivery of the same id blocks on this
        // insert until the first commits (then inserts nothing) or rolls back (then wins).
        if (!await InsertRowAsync(db, evt.Id, consumer, time.GetUtcNow(), ct))
        {
            return Outcome.Duplicate;
        }

        await handler.HandleAsync(evt, ct);
        await db.SaveChangesAsync(ct);
        return Outcome.Handled;
    }

    // The handler writes the row in its own statement (one round trip fewer); where it wrote nothing, the row is written
    // after it. The same key decides, later in the transaction: whatever the handler did for a duplicate is rolled back.
    private static async Task<Outcome> HandlerClaimsAsync(
        TContext db, IIntegrationEventHandler<TEvent> handler, InboxClaim claim, TEvent evt, string consumer, TimeProvider time, CancellationToken ct)
    {
        var processedAt = time.GetUtcNow();
        claim.Open(db, evt.Id, consumer, processedAt);
        await handler.HandleAsync(evt, ct);
        if (claim.State == InboxClaim.ClaimState.Duplicate
            || (claim.State == InboxClaim.ClaimState.Open && !await InsertRowAsync(db, evt.Id, consumer, processedAt, ct)))
        {
            return Outcome.Duplicate;
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Handled;
    }

    // Only after a failure: one read, in a scope of its own. Unknown (the database unreachable) counts as not handled.
    private static async Task<bool> HandledBeforeAsync(IServiceScopeFactory scopes, Guid eventId, string consumer, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            return await db.Set<InboxMessage>().AnyAsync(m => m.EventId == eventId && m.Consumer == consumer, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> InsertRowAsync(TContext db, Guid eventId, string consumer, DateTimeOffset processedAt, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(InboxClaim.RowInsertSql(db), InboxClaim.RowParameters(eventId, consumer, processedAt), ct) > 0;

    private static async Task<TEvent?> ReadEventAsync(HttpContext http, ILogger logger, CancellationToken ct)
    {
        try
        {
            var json = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, EventingJson.Options, ct);
            // Without an id the record would invent a fresh one and defeat the inbox.
            if (json.ValueKind != JsonValueKind.Object || !HasId(json))
            {
                logger.LogError("Dropping a delivery on {Topic}: the body is not an event with an id", TEvent.Topic);
                return null;
            }

            return json.Deserialize<TEvent>(EventingJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            logger.LogError(ex, "Dropping a delivery on {Topic}: the body is not a {EventType}", TEvent.Topic, typeof(TEvent).Name);
            return null;
        }
    }

    private static bool HasId(JsonElement json)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals(
                    // Stryker disable once String : equivalent; the case-insensitive comparison after it accepts "id" as well.
                    "id")
                || string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase))
            {
                // Stryker disable once Logical : equivalent; with || a non-string id fails GetString (InvalidOperationException) and
                // a string that is no Guid fails deserialisation (JsonException): the delivery is dropped either way.
                return property.Value.ValueKind == JsonValueKind.String && Guid.TryParse(property.Value.GetString(), out _);
            }
        }

        return false;
    }
}

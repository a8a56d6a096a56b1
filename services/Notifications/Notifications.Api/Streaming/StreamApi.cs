using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Notifications.Api.Feed;

namespace Notifications.Api.Streaming;

/// <summary>
/// <c>GET /api/events/stream</c>: the feed as server-sent events. Each event's <c>id:</c> is its
/// feed cursor, so <c>Last-Event-ID</c> (or <c>?after=</c>) resumes exactly after it; without
/// either the stream starts with what arrives next. Same visibility as the feed.
/// </summary>
public static class StreamApi
{
    public static IEndpointRouteBuilder MapEventStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events/stream", StreamAsync)
            .WithTags("Events")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));
        return app;
    }

    internal static async Task<IResult> StreamAsync(
        HttpContext http, string? after, string? types, ClaimsPrincipal user, NotificationsDbContext db,
        FeedSignal signal, IOptionsMonitor<StreamOptions> options, TimeProvider time, CancellationToken ct)
    {
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : after;
        var errors = new Dictionary<string, string[]>();
        if (!FeedQuery.TryParseCursor(resumeFrom, out var cursor))
        {
            errors["Last-Event-ID"] = ["Last-Event-ID must be an id this stream sent."];
        }

        if (!FeedTypes.TryParse(types, out var typeList, out var unknown))
        {
            errors["types"] = [$"Unknown event types: {string.Join(", ", unknown)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Subscribed, and the first wake taken, before anything is read: a change committed after
        // this wakes the stream, one committed before it is found by the first read.
        using var waiter = signal.Subscribe(user.IsRegulator() ? null : user.GetSubject() ?? string.Empty, typeList);
        var wake = waiter.Signal.Next;
        if (!user.IsRegulator())
        {
            waiter.Own(await FeedQuery.OwnedBy(db, user.GetSubject() ?? string.Empty).ToListAsync(ct));
        }

        // A fresh start begins after the newest item: there is nothing to read until a change.
        var read = !string.IsNullOrEmpty(resumeFrom);
        if (!read)
        {
            cursor = await db.FeedItems.MaxAsync(f => (long?)f.Sequence, ct) ?? 0;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx-style proxies: do not buffer
        var settings = options.CurrentValue;
        // Each write is timed when it starts: whoever has read it knows the stream's clock has it.
        var lastWrite = time.GetUtcNow();
        await http.Response.WriteAsync($"retry: 2000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        try
        {
            // Reads only when woken by a change it may see. No poll: the replica's one listener is checked instead, and
            // wakes every stream when it listens again after a loss (FeedListener).
            while (!ct.IsCancellationRequested)
            {
                var items = read ? await FeedQuery.PageAsync(db, user, cursor, settings.BatchSize, typeList, ct) : [];
                foreach (var item in items)
                {
                    var json = JsonSerializer.Serialize(FeedItemResponse.From(item), EventingJson.Options);
                    await http.Response.WriteAsync(
                        $"id: {item.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {item.Type}\ndata: {json}\n\n", ct);
                    cursor = item.Sequence;
                }

                if (items.Count > 0)
                {
                    lastWrite = time.GetUtcNow();
                    await http.Response.Body.FlushAsync(ct);
                    if (items.Count == settings.BatchSize)
                    {
                        continue; // more may be waiting; a short page was everything up to the wake taken before it
                    }
                }
                else if (time.GetUtcNow() - lastWrite >= settings.HeartbeatInterval)
                {
                    lastWrite = time.GetUtcNow();
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }

                // Until the next heartbeat is due, counted from the last write (reads that found nothing do not put it
                // off). Woken, a read follows; the heartbeat's turn reads nothing and writes the heartbeat.
                var untilHeartbeat = settings.HeartbeatInterval - (time.GetUtcNow() - lastWrite);
                read = await Task.WhenAny(wake, Task.Delay(untilHeartbeat > TimeSpan.Zero ? untilHeartbeat : TimeSpan.Zero, time, ct)) == wake;
                if (read)
                {
                    wake = waiter.Signal.Next; // before the read it is for
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; it resumes with Last-Event-ID.
        }

        return Results.Empty;
    }
}

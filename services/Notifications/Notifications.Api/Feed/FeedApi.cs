using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Notifications.Api.Feed;

public sealed record FeedPage(IReadOnlyList<FeedItemResponse> Items, string NextCursor);

public static class FeedApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", GetAsync)
            .WithTags("Events")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business, AuthPolicies.Regulator));
        return app;
    }

    /// <summary>
    /// Items after <paramref name="after"/> in feed order. <c>nextCursor</c> is where to resume:
    /// the last item returned, or <paramref name="after"/> itself when nothing new is visible.
    /// </summary>
    internal static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> GetAsync(
        string? after, int? limit, string? types, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FeedQuery.TryParseCursor(after, out var cursor))
        {
            errors["after"] = ["after must be a cursor returned by this API."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (!FeedTypes.TryParse(types, out var typeList, out var unknown))
        {
            errors["types"] = [$"Unknown event types: {string.Join(", ", unknown)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var items = await FeedQuery.PageAsync(db, user, cursor, limit ?? DefaultLimit, typeList, ct);
        var next = items.Count > 0 ? items[^1].Sequence : cursor;
        return TypedResults.Ok(new FeedPage(items.Select(FeedItemResponse.From).ToList(), next.ToString(CultureInfo.InvariantCulture)));
    }
}

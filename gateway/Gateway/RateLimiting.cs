using System.Globalization;
using System.Threading.RateLimiting;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway;

internal static class RateLimiting
{
    public static void AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            {
                var settings = gateway.Value.RateLimit;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    settings.Enabled
                        ? RateLimitPartition.GetFixedWindowLimiter(CallerKey(context), _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = settings.PermitLimit,
                            Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                            QueueLimit = 0,
                        })
                        : RateLimitPartition.GetNoLimiter("off"));
                limiter.OnRejected = OnRejectedAsync;
            });
    }

    /// <summary>
    /// Who is calling, from proven identities only: the subject of a valid token, else a bank whose signature
    /// verified, else the client address (the real one behind a known proxy). A header the caller merely
    /// claims (an unverified X-Bank-Code) never chooses the bucket.
    /// </summary>
    internal static string CallerKey(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.GetSubject() is { } subject)
        {
            return "sub:" + subject;
        }

        if (VerifiedBankMiddleware.VerifiedBank(context) is { } bank)
        {
            return "bank:" + bank;
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Problems.Create(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests.",
                $"Retry after {retryAfter} second(s).")
            .ExecuteAsync(context);
    }
}

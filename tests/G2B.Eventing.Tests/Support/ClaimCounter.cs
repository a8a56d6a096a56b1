using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// Counts the dispatcher's rounds as the database sees them: one head claim (SKIP LOCKED) per round, and
/// the claims of the rows behind keyed heads (the join on the heads' keys), and the pending-row counts.
/// </summary>
public sealed class ClaimCounter : DbCommandInterceptor
{
    private int _claims;
    private int _followerClaims;
    private int _pendingCounts;

    public int Claims => Volatile.Read(ref _claims);

    public int FollowerClaims => Volatile.Read(ref _followerClaims);

    /// <summary>The housekeeping's counts of unpublished rows (for the pending gauge).</summary>
    public int PendingCounts => Volatile.Read(ref _pendingCounts);

    public void Register(WebApplicationBuilder builder) =>
        builder.Services.ConfigureDbContext<EventingTestDbContext>(options => options.AddInterceptors(this));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("SKIP LOCKED", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _claims);
        }

        if (command.CommandText.Contains("unnest(", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _followerClaims);
        }

        if (command.CommandText.Contains("count(*)", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _pendingCounts);
        }

        return ValueTask.FromResult(result);
    }
}

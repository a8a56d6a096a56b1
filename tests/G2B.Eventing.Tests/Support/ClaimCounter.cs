using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// Counts the dispatcher's rounds as the database sees them: one claim (SKIP LOCKED) per round, every
/// command sent (round trips), and the pending-row counts.
/// </summary>
public sealed class ClaimCounter : DbCommandInterceptor
{
    private int _claims;
    private int _commands;
    private int _pendingCounts;

    public int Claims => Volatile.Read(ref _claims);

    /// <summary>Every command sent through EF (queries and saves; a commit is not a command).</summary>
    public int Commands => Volatile.Read(ref _commands);

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

        Interlocked.Increment(ref _commands);

        if (command.CommandText.Contains("count(*)", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _pendingCounts);
        }

        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }
}

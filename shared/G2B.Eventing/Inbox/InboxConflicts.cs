using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace G2B.Eventing;

/// <summary>
/// What the inbox treats as "someone else wrote the same rows meanwhile": normal traffic (a person's
/// command committing between a handler's read and its write), answered by running the handler again
/// on fresh data, not by a 500 and a redelivery.
/// </summary>
internal static class InboxConflicts
{
    /// <summary>Attempts per delivery; after the last one the delivery fails as any other (500, redelivered).</summary>
    public const int MaxAttempts = 5;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(10);

    public static bool IsConflict(Exception exception) => exception switch
    {
        // An optimistic concurrency token (xmin, a version column) no longer matched.
        DbUpdateConcurrencyException => true,
        // The execution strategy already retried a transient error this many times: give up like today.
        RetryLimitExceededException => false,
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected
            // A concurrent insert of the same key (check-then-insert raced); the retry sees the row.
            or PostgresErrorCodes.UniqueViolation,
        DbUpdateException { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>Doubling from 10 ms with equal jitter, so racing writers do not meet again in step.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var ceiling = BaseDelay * Math.Pow(2, attempt - 1);
        return ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
    }
}

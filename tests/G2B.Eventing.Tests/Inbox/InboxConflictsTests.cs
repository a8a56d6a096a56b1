using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace G2B.Eventing.Tests.Inbox;

/// <summary>Which failures the inbox runs the handler again for, and how long it waits before doing so.</summary>
public sealed class InboxConflictsTests
{
    private static PostgresException Postgres(string sqlState) =>
        new("message", "ERROR", "ERROR", sqlState);

    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "optimistic concurrency token changed", new DbUpdateConcurrencyException("changed"), true },
        { "serialization failure", Postgres(PostgresErrorCodes.SerializationFailure), true },
        { "deadlock", Postgres(PostgresErrorCodes.DeadlockDetected), true },
        { "unique violation", Postgres(PostgresErrorCodes.UniqueViolation), true },
        { "unique violation inside a DbUpdateException", new DbUpdateException("save", Postgres(PostgresErrorCodes.UniqueViolation)), true },
        { "foreign key violation", Postgres(PostgresErrorCodes.ForeignKeyViolation), false },
        { "foreign key violation inside a DbUpdateException", new DbUpdateException("save", Postgres(PostgresErrorCodes.ForeignKeyViolation)), false },
        { "DbUpdateException without a cause", new DbUpdateException("save"), false },
        { "transient retries used up", new RetryLimitExceededException("gave up", Postgres(PostgresErrorCodes.SerializationFailure)), false },
        { "a bug in the handler", new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_conflict_is_a_concurrent_write_and_nothing_else(string what, Exception failure, bool conflict) =>
        InboxConflicts.IsConflict(failure).Should().Be(conflict, what);

    [Fact]
    public void The_wait_before_attempt_n_doubles_from_10_ms_with_jitter_over_the_upper_half()
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var ceiling = 10 * Math.Pow(2, attempt - 1);
            var waits = Enumerable.Range(0, 200).Select(_ => InboxConflicts.Backoff(attempt).TotalMilliseconds).ToList();

            waits.Should().OnlyContain(w => w >= ceiling / 2 && w <= ceiling, $"attempt {attempt} waits {ceiling / 2}-{ceiling} ms");
            // Spread over the whole half, not bunched at one end (200 draws: chance of failing ~ 2^-200).
            waits.Should().Contain(w => w < ceiling * 0.75).And.Contain(w => w > ceiling * 0.75);
        }
    }
}

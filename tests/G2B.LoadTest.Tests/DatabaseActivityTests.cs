using G2B.LoadTest.Measurement;
using G2B.Testing;
using Npgsql;

namespace G2B.LoadTest.Tests;

/// <summary>
/// What the rest measurement says the databases were asked, against real PostgreSQL: the statistics
/// read before and after some statements name the table they used, how often, and nothing else.
/// </summary>
public sealed class DatabaseActivityTests
{
    [Fact]
    public async Task The_tables_scanned_or_written_between_two_reads_are_listed_with_their_counts_and_idle_ones_are_not()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("rest_activity");
        await ExecuteAsync(connection, "create table polled (id int primary key, v text)", "create table untouched (id int primary key)");
        var databases = new[] { new SuiteDatabaseEntry("licence-applications", "Database", connection) };
        var before = await DatabaseActivity.ReadAsync(databases);

        await ExecuteAsync(connection,
            "insert into polled values (1, 'a')", "insert into polled values (2, 'b')",
            "select v from polled where id = 1", "select v from polled where id = 2", "select count(*) from polled");

        // A backend reports its statistics when it ends (or goes idle a while): the work ran on its own connection.
        IReadOnlyList<TableActivity> used = [];
        await Eventually.HoldsAsync(async () =>
        {
            used = (await DatabaseActivity.ReadAsync(databases)).Since(before);
            return used.Any(t => t.Scans == 3);
        }, "the statements' statistics arrive", TimeSpan.FromSeconds(20));

        var polled = used.Should().ContainSingle().Which;
        (polled.Service, polled.Table, polled.Scans, polled.RowsWritten).Should().Be(("licence-applications", "polled", 3L, 2L));
        // Two rows by key and both by the count (more if the planner scanned the table for a key).
        polled.RowsRead.Should().BeInRange(4, 6);
        var after = await DatabaseActivity.ReadAsync(databases);
        after.TransactionsSince(before)["licence-applications"].Should().BeGreaterThanOrEqualTo(5, "each statement was a transaction of its own");
    }

    private static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, conn);
            await command.ExecuteNonQueryAsync();
        }
    }
}

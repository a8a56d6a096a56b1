using G2B.LocalInfra;
using Npgsql;

namespace G2B.LocalInfra.Tests;

public sealed class LocalPostgresTests
{
    [Fact]
    public async Task A_fresh_cluster_serves_the_app_role_and_keeps_data_across_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-pg-test-{Guid.NewGuid():N}");
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Durable: false));
        await server.CreateDatabaseAsync("orders");
        await server.CreateDatabaseAsync("orders"); // idempotent

        await ExecuteAsync(server.ConnectionString("orders"), "CREATE TABLE t (v int); INSERT INTO t VALUES (42);");
        await server.StopAsync();
        FreePort.IsListening(server.Port).Should().BeFalse();

        await server.StartAgainAsync();
        NpgsqlConnection.ClearAllPools(); // pooled connections died with the old server
        (await ScalarAsync(server.ConnectionString("orders"), "SELECT v FROM t")).Should().Be(42);
        (await ScalarAsync(server.ConnectionString("orders"), "SELECT current_user")).Should().Be("app");
    }

    [Fact]
    public async Task A_cluster_records_when_each_transaction_committed()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-pg-test-{Guid.NewGuid():N}");
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Durable: false));
        await server.CreateDatabaseAsync("stamped");
        var connection = server.ConnectionString("stamped");
        await ExecuteAsync(connection, "CREATE TABLE t (v int)");
        var before = await ScalarAsync(connection, "SELECT clock_timestamp()");
        await ExecuteAsync(connection, "INSERT INTO t VALUES (1)");
        var after = await ScalarAsync(connection, "SELECT clock_timestamp()");

        // Without track_commit_timestamp this query fails ("could not get commit timestamp data").
        var committed = await ScalarAsync(connection, "SELECT pg_xact_commit_timestamp(xmin) FROM t");

        ((DateTime)committed!).Should().BeOnOrAfter((DateTime)before!).And.BeOnOrBefore((DateTime)after!);
    }

    [Fact]
    public async Task Starting_on_an_existing_cluster_reuses_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-pg-test-{Guid.NewGuid():N}");
        var port = FreePort.Next();
        await using (var first = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, port, Durable: false)))
        {
            await first.CreateDatabaseAsync("kept");
            await ExecuteAsync(first.ConnectionString("kept"), "CREATE TABLE kept_rows (v int); INSERT INTO kept_rows VALUES (7);");
        }

        NpgsqlConnection.ClearAllPools();
        await using var second = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, port, Durable: false));
        (await ScalarAsync(second.ConnectionString("kept"), "SELECT v FROM kept_rows")).Should().Be(7);
    }

    [Fact]
    public async Task Databases_are_separate_and_names_are_never_interpolated_into_sql()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"g2b-pg-test-{Guid.NewGuid():N}");
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Durable: false));
        await server.CreateDatabaseAsync("first");
        await server.CreateDatabaseAsync("second");
        await ExecuteAsync(server.ConnectionString("first"), "CREATE TABLE only_in_first (v int)");
        var readOther = () => ExecuteAsync(server.ConnectionString("second"), "SELECT * FROM only_in_first");
        await readOther.Should().ThrowAsync<PostgresException>();

        var inject = () => server.CreateDatabaseAsync("x\"; DROP DATABASE postgres; --");
        await inject.Should().ThrowAsync<ArgumentException>();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

using G2B.Runner.Hosting;
using G2B.Runner.Tye;
using Npgsql;

namespace G2B.Runner.Tests;

/// <summary>The runner's infrastructure step against real PostgreSQL and Redis.</summary>
public sealed class InfraHostTests
{
    private const string Yaml = """
        services:
          - name: postgres
            image: postgres:15
            bindings:
              - port: 55432
          - name: redis
            image: redis:7
            bindings:
              - port: 56379
          - name: api
            project: Api.csproj
            bindings:
              - port: 5000
            env:
              - name: ConnectionStrings__Database
                value: Host=127.0.0.1;Port=${service:postgres:port};Database=runner_infra_test;Username=app;Password=app
        """;

    [Fact]
    public async Task Starts_postgres_and_redis_creates_the_databases_and_stops_both_leaving_no_process()
    {
        var manifest = TyeParser.Parse(Yaml);
        var work = Directory.CreateTempSubdirectory("g2b-runner-infra").FullName;
        var databases = InfraHost.DatabasesNamedIn(manifest.Service("api").Env);

        var infra = await InfraHost.StartAsync(manifest, work, fixedPorts: false, databases);
        var postmaster = infra.PostgresProcessId;
        var redis = infra.Redis!.ProcessId;
        try
        {
            postmaster.Should().NotBeNull();
            redis.Should().NotBeNull();
            ProcessTree.IsAlive(postmaster!.Value).Should().BeTrue();
            ProcessTree.IsAlive(redis!.Value).Should().BeTrue();
            infra.Postgres!.Port.Should().NotBe(55432, "free ports were asked for");

            await using var connection = new NpgsqlConnection(infra.Postgres.ConnectionString("runner_infra_test"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database()", connection);
            (await command.ExecuteScalarAsync()).Should().Be("runner_infra_test");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await infra.StopAsync();
        }

        await Eventually.HoldsAsync(() => !ProcessTree.IsAlive(postmaster.Value), "the postmaster has exited");
        await Eventually.HoldsAsync(() => !ProcessTree.IsAlive(redis.Value), "redis-server has exited");
        infra.PostgresProcessId.Should().BeNull("the lock file goes with a clean stop");
    }

    [Fact]
    public async Task The_watchdog_stops_postgres_and_redis_when_the_runner_dies_without_cleaning_up()
    {
        var manifest = TyeParser.Parse(Yaml);
        var work = Directory.CreateTempSubdirectory("g2b-runner-watchdog").FullName;
        var infra = await InfraHost.StartAsync(manifest, work, fixedPorts: false, []);
        var postmaster = infra.PostgresProcessId!.Value;
        var redis = infra.Redis!.ProcessId!.Value;
        await using var runner = ManagedProcess.Start(
            new ProcessSpec("runner", "/bin/sh", ["-c", "sleep 300"], work, new Dictionary<string, string>()),
            Path.Combine(work, "runner.log"), (_, _) => { });
        using var watchdog = Watchdog.Start(Path.Combine(work, "pids"), runner.Id);
        watchdog.Track([("PG", Path.Combine(infra.Postgres!.BaseDirectory, "data")), ("REDIS", infra.Redis.Port.ToString())]);

        await runner.KillAsync();

        await Eventually.HoldsAsync(() => !ProcessTree.IsAlive(postmaster), "the watchdog shut the postmaster down");
        await Eventually.HoldsAsync(() => !ProcessTree.IsAlive(redis), "the watchdog shut redis down");
    }
}

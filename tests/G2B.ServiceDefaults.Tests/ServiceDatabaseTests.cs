using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G2B.ServiceDefaults.Tests;

public sealed class ServiceDatabaseTests
{
    [Fact]
    public async Task Migrations_are_applied_before_the_app_serves_and_health_reports_the_database()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_migrate");
        await using var app = await StartAsync(connectionString);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        db.Widgets.Add(new Widget { Name = "first" });
        await db.SaveChangesAsync();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal("20260101000000_CreateWidgets");

        using var health = await app.Client().GetAsync("/healthz");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Migrating_a_fresh_database_runs_no_failing_command()
    {
        // A failing command is logged by EF as an error: a fresh start must not look broken in the logs.
        var failures = new FailedCommands();
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_quiet");

        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:Database"] = connectionString },
            builder => builder.AddServiceDatabase<SampleDbContext>(configureContext: (_, options) => options
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .AddInterceptors(failures)));

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database.GetAppliedMigrationsAsync())
            .Should().Equal("20260101000000_CreateWidgets");
        failures.Commands.Should().BeEmpty();
    }

    private sealed class FailedCommands : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Commands { get; } = new();

        public override Task CommandFailedAsync(System.Data.Common.DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Replicas_starting_together_migrate_once_without_failing()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_replicas");

        var apps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartAsync(connectionString)));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(1);
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_missing_database_is_created_at_start_up()
    {
        var existing = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync("sd_seed"));
        existing.Database = "sd_created_" + Guid.NewGuid().ToString("N")[..12];

        await using var app = await StartAsync(existing.ConnectionString);

        using var health = await app.Client().GetAsync("/healthz");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_is_503_when_the_database_cannot_be_reached()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_down");
        await using var app = await StartAsync(connectionString);

        TakeDatabaseDown(app, connectionString);
        using var health = await app.Client().GetAsync("/healthz");

        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await health.Content.ReadAsStringAsync();
        body.Should().Contain("\"database\"").And.NotContain("Password");
    }

    [Fact]
    public async Task With_migrate_on_startup_off_a_replica_leaves_the_schema_alone()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_nomigrate");
        await using var app = await StartAsync(connectionString, ("Database:MigrateOnStartup", "false"));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        (await db.Database.GetAppliedMigrationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_replica_is_not_ready_until_the_migration_job_has_run()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_schema");
        await using var replica = await StartAsync(connectionString, ("Database:MigrateOnStartup", "false"));

        using (var before = await replica.Client().GetAsync("/healthz"))
        {
            before.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the schema is older than the build");
            var checks = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            checks.GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
            checks.GetProperty("schema").GetProperty("status").GetString().Should().Be("Unhealthy");
        }

        // What the Kubernetes Job does: the same build with Database:MigrateOnly.
        await using (await StartAsync(connectionString, ("Database:MigrateOnly", "true")))
        {
        }

        using var after = await replica.Client().GetAsync("/healthz");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Migrate_only_applies_the_migrations_and_stops_the_process()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_migrateonly");
        await using var app = await StartAsync(connectionString, ("Database:MigrateOnly", "true"));

        var stopping = app.Lifetime.ApplicationStopping.IsCancellationRequested
            ? Task.CompletedTask
            : Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping);
        await stopping.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        Environment.ExitCode.Should().Be(0);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal("20260101000000_CreateWidgets");
    }

    [Fact]
    public async Task Alive_answers_even_when_the_database_is_down()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_alive");
        await using var app = await StartAsync(connectionString);
        TakeDatabaseDown(app, connectionString);

        using var alive = await app.Client().GetAsync("/alive");
        using var ready = await app.Client().GetAsync("/healthz");

        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(";Max Auto Prepare=0", false)]
    public async Task A_statement_run_again_and_again_is_prepared_unless_the_connection_string_says_otherwise(
        string setting, bool prepared)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_prepare") + setting;
        await using var app = await StartAsync(connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        await db.Database.OpenConnectionAsync();

        // Npgsql prepares a statement on its fifth use; the same session then lists it in pg_prepared_statements.
        for (var i = 0; i < 6; i++)
        {
            await db.Widgets.Where(w => w.Name == "w" + i).ToListAsync();
        }

        var statements = await db.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync();
        statements.Any(s => s.Contains("widgets", StringComparison.Ordinal)).Should().Be(prepared);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(";No Reset On Close=false", true)]
    public async Task A_connection_going_back_to_the_pool_is_not_reset_unless_the_connection_string_says_otherwise(
        string setting, bool reset)
    {
        // Two connections in the pool (the migrator takes two at start), both holding a session setting when they go back.
        var connectionString = await TestPostgres.CreateDatabaseAsync("sd_reset") + ";Maximum Pool Size=2" + setting;
        await using var app = await StartAsync(connectionString);
        await using (var one = app.Services.CreateAsyncScope())
        await using (var two = app.Services.CreateAsyncScope())
        {
            foreach (var db in new[] { one, two }.Select(s => s.ServiceProvider.GetRequiredService<SampleDbContext>()))
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.SqlQueryRaw<string>("SELECT set_config('g2b.marker', 'left behind', false) AS \"Value\"").ToListAsync();
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
            var marker = await second.Database
                .SqlQueryRaw<string?>("SELECT current_setting('g2b.marker', true) AS \"Value\"").SingleAsync();
            // Npgsql's reset (RESET ALL among its seven statements) clears a session setting; without it the setting stays.
            (marker is null or "").Should().Be(reset);
        }
    }

    /// <summary>The connection string is read per context, so pointing it at a closed port is an outage.</summary>
    private static void TakeDatabaseDown(WebApplication app, string connectionString)
    {
        var dead = new NpgsqlConnectionStringBuilder(connectionString) { Port = G2B.LocalInfra.FreePort.Next(), Timeout = 2 };
        app.Configuration["ConnectionStrings:Database"] = dead.ConnectionString;
    }

    /// <summary>A host with AddServiceDatabase over the sample context (PooledContextTests use it too).</summary>
    internal static Task<WebApplication> StartAsync(string connectionString, params (string Key, string Value)[] extra) =>
        TestApp.StartAsync(
            new Dictionary<string, string?>(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            {
                ["ConnectionStrings:Database"] = connectionString,
            },
            builder => builder.AddServiceDatabase<SampleDbContext>(configureContext: (_, options) =>
                // The hand-written migration has no snapshot; that is fine for this test context only.
                options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))));
}

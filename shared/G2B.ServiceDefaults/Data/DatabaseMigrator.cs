using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace G2B.ServiceDefaults;

/// <summary>
/// Applies EF migrations at start-up. Hosted services start before Kestrel listens, so no request
/// sees an old schema. An advisory lock serialises replicas that start together.
/// </summary>
/// <remarks>
/// <c>Database:MigrateOnStartup=false</c> leaves the schema alone (replicas on Kubernetes, where a
/// Job migrates); <c>Database:MigrateOnly=true</c> migrates and stops the process with exit code 0
/// (that Job).
/// </remarks>
internal sealed class DatabaseMigrator<TContext>(
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrateOnly = configuration.GetValue("Database:MigrateOnly", false);
        if (!migrateOnly && !configuration.GetValue("Database:MigrateOnStartup", true))
        {
            logger.LogInformation("Database:MigrateOnStartup is off: the schema of {Context} is left as it is", typeof(TContext).Name);
            return;
        }

        await MigrateWithRetriesAsync(cancellationToken);
        if (migrateOnly)
        {
            logger.LogInformation("Database:MigrateOnly is on: migrations applied, stopping");
            Environment.ExitCode = 0;
            // Stopping from inside StartAsync cancels the start-up token, Kestrel's bind throws and
            // the process dies with 134: a Kubernetes Job would fail after a good migration. Stop
            // once start-up has finished instead, which ends the process normally with 0.
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    private async Task MigrateWithRetriesAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTime.UtcNow < deadline)
            {
                // PostgreSQL may still be starting when the service does (local runs, pods).
                logger.LogWarning(ex, "Database not reachable yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another replica created it first.
            }
        }

        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(ct);
        var key = LockKey();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            // Npgsql's history repository assumes the table exists and lets the first SELECT fail, which EF logs
            // as an error on every fresh database (npgsql/efcore.pg#3407); creating it first keeps start-up quiet.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) to {Context}: {Migrations}",
                    pending.Count, typeof(TContext).Name, pending);
                await db.Database.MigrateAsync(ct);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    // Stable across processes (string.GetHashCode is randomised per process): FNV-1a of the context name.
    private static long LockKey()
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("g2b-migrate:" + typeof(TContext).FullName))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}

using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace G2B.ServiceDefaults;

public static class ServiceDatabaseExtensions
{
    public const string ConnectionStringName = "Database";

    /// <summary>
    /// Npgsql DbContext from <c>ConnectionStrings:Database</c> with retry on transient failures, "database"
    /// and "schema" (every migration applied) health checks, and migrations applied by a hosted service before the app serves requests.
    /// Because of the retrying strategy, explicit transactions must run inside
    /// <c>db.Database.CreateExecutionStrategy().ExecuteAsync(...)</c>.
    /// </summary>
    /// <remarks>
    /// The contexts are pooled: a scope leases one and hands it back, reset, when it ends, so a request no longer
    /// builds a context's services (6-7 % of each service's CPU in issue 16's profile). The options are therefore
    /// built once, at the first lease; <c>ConfigureDbContext</c> still adds to them, and the context's constructor
    /// may set what EF restores at every lease (ChangeTracker and <c>Database</c> settings). Anything else a
    /// context holds between leases must be reset by its owner.
    /// </remarks>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(
        this WebApplicationBuilder builder,
        Action<NpgsqlDbContextOptionsBuilder>? configureNpgsql = null,
        Action<IServiceProvider, DbContextOptionsBuilder>? configureContext = null)
        where TContext : DbContext
    {
        // Before EF's own scoped registration (a TryAdd), which would not follow the setting.
        builder.Services.AddScoped(PooledContext.Lease<TContext>);
        builder.Services.AddPooledDbContextFactory<TContext>((services, options) =>
        {
            // Read when the options are built (the first lease), so test hosts can override the setting late.
            options.UseNpgsql(ConnectionString(services), npgsql =>
            {
                npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
                configureNpgsql?.Invoke(npgsql);
            });
            configureContext?.Invoke(services, options);
        });

        // A singleton, so the check remembers a schema it has once found current.
        builder.Services.AddSingleton<SchemaHealthCheck<TContext>>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TContext>("database", tags: ["ready"])
            .AddCheck<SchemaHealthCheck<TContext>>("schema", tags: ["ready"]);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    /// <summary>
    /// The setting as configured now (read at every lease, so a changed one is used by the next scope). Here, beside
    /// the extension that needs it, where Deployment.Tests' scan of required keys looks for it.
    /// </summary>
    internal static string ConnectionString(IServiceProvider services) =>
        AutoPrepared.Of(services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured."));
}

/// <summary>
/// The connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>) unless it sets it
/// itself: a service sends the same few dozen statements all day, and a prepared one skips PostgreSQL's parse
/// and plan on every later use. Deployments need not repeat the setting in every Secret; one that sets
/// <c>Max Auto Prepare=0</c> (a transaction-mode pooler before PgBouncer 1.21, say) turns it off.
/// Likewise <c>No Reset On Close=true</c> unless the string sets it: a connection going back to the pool is
/// not reset. With prepared statements kept, Npgsql's reset is seven statements (RESET ALL, CLOSE ALL,
/// UNLISTEN *, pg_advisory_unlock_all(), DISCARD SEQUENCES, DISCARD TEMP, SET SESSION AUTHORIZATION DEFAULT)
/// run with the next use of the connection: 280 of the ~450 statements of a journey (issue 16, session 9).
/// The services leave no session state behind: their advisory locks and <c>set_config</c> are the
/// transaction's, an open transaction is still rolled back on close, and the two session-level uses (the
/// migrator's lock, released in a finally; the notifications feed's LISTEN) run on connections of their own.
/// </summary>
internal static class AutoPrepared
{
    /// <summary>More than the distinct statements a service runs, so the hot ones stay prepared.</summary>
    public const int MaxStatements = 64;

    // Asked at every lease of a context: remember the last answer rather than parse the string each
    // time (one reference, read and written whole, so threads never see half of an answer).
    private static Answer? _last;

    public static string Of(string connectionString)
    {
        if (_last is { } last && string.Equals(last.Given, connectionString, StringComparison.Ordinal))
        {
            return last.Result;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxStatements;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        var result = builder.ConnectionString;
        _last = new Answer(connectionString, result);
        return result;
    }

    private sealed record Answer(string Given, string Result);
}

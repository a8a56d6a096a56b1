using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    public static WebApplicationBuilder AddServiceDatabase<TContext>(
        this WebApplicationBuilder builder,
        Action<NpgsqlDbContextOptionsBuilder>? configureNpgsql = null,
        Action<IServiceProvider, DbContextOptionsBuilder>? configureContext = null)
        where TContext : DbContext
    {
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            // Read when the context is built so test hosts can override the setting late.
            var configuration = services.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
            options.UseNpgsql(connectionString, npgsql =>
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
}

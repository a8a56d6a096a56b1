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
    /// Npgsql DbContext from <c>ConnectionStrings:Database</c> with retry on transient failures, a "database"
    /// health check, and migrations applied by a hosted service before the app serves requests.
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

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: ["ready"]);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}

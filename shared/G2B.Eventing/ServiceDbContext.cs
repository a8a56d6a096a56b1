using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace G2B.Eventing;

/// <summary>
/// The database of a service that publishes through the outbox: snake_case names by convention, the entity
/// configurations of the service's assembly, and the outbox and inbox tables. The convention is applied in
/// <see cref="OnConfiguring"/> rather than by the host, so every maker of the context (the service, <c>dotnet ef</c>,
/// a tool) builds the same model; a context without it would see pending model changes.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention();

    /// <summary>Adds the service's configurations and the eventing tables; a service adds what is its own after calling this.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.ApplyEventingModel();
    }
}

/// <summary>
/// Lets <c>dotnet ef</c> build a service's model without running its Program (which needs real configuration).
/// Only used to generate migrations: nothing connects with the placeholder connection string.
/// </summary>
public abstract class DesignTimeServiceDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ServiceDbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(
            typeof(TContext),
            new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design_time_only").Options)!;
}

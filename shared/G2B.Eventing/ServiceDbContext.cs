using EFCore.NamingConventions.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace G2B.Eventing;

/// <summary>
/// The database of a service that publishes through the outbox: snake_case names by convention, the entity
/// configurations of the service's assembly, and the outbox and inbox tables. The convention is applied in
/// <see cref="OnConfiguring"/> rather than by the host, so every maker of the context (the service, <c>dotnet ef</c>,
/// a tool) builds the same model; a context without it would see pending model changes. A pooled context's options
/// are frozen before <see cref="OnConfiguring"/> sees them (changing them there throws), so its host adds the
/// convention when it builds them (<see cref="UseServiceConventions"/>, called by <c>AddEventing</c>).
/// </summary>
public abstract class ServiceDbContext : DbContext
{
    protected ServiceDbContext(DbContextOptions options)
        : base(options)
    {
        // No SAVEPOINT before and RELEASE SAVEPOINT after each SaveChanges inside an explicit transaction: two round trips
        // of every such save (a registration, an amendment, an inbox delivery, an outbox round). Nothing in the services
        // rolls back to such a savepoint and goes on: a save that fails inside an explicit transaction ends it, and a
        // retry starts a fresh one. Reset to this on every lease of a pooled context.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>What every service context's options hold: snake_case names.</summary>
    public static void UseServiceConventions(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSnakeCaseNamingConvention();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<NamingConventionsOptionsExtension>() is null)
        {
            UseServiceConventions(optionsBuilder);
        }
    }

    /// <summary>
    /// Goes back to its pool through EF's synchronous reset. The asynchronous one (EF Core 10) closes a connection
    /// opened by hand (<c>OpenConnectionAsync</c> with no close) but keeps its open count, so every later lease of this
    /// instance would hold a connection from its first query to its end: a notifications stream for its whole life,
    /// until the connection pool ran dry. The synchronous reset clears the count. It rarely waits on anything: a transaction
    /// is disposed by its own <c>using</c> before the scope ends, and closing hands the connector back to Npgsql's pool.
    /// </summary>
    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

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

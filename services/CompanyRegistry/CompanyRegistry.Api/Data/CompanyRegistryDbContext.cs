using CompanyRegistry.Api.Domain;
using G2B.Eventing;
using Microsoft.EntityFrameworkCore;

namespace CompanyRegistry.Api.Data;

public sealed class CompanyRegistryDbContext(DbContextOptions<CompanyRegistryDbContext> options) : DbContext(options)
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyLicence> Licences => Set<CompanyLicence>();
    public DbSet<CompanyHistoryEntry> History => Set<CompanyHistoryEntry>();
    public DbSet<RegistrationCounter> RegistrationCounters => Set<RegistrationCounter>();

    // Here rather than in the host's AddDbContext, so every maker of this context (the service, dotnet ef,
    // the seed tool) builds the same model; a context without it would see pending model changes.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram search on names; a trusted extension, so the database owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CompanyRegistryDbContext).Assembly);
        modelBuilder.ApplyEventingModel();
        // The shared model leaves this key to EF's default name, which the first migration created;
        // the snake_case convention would otherwise rename it.
        modelBuilder.Entity<OutboxMessage>().HasKey(m => m.Id).HasName("PK_outbox_messages");
    }
}

/// <summary>One row a year; <c>UPDATE ... RETURNING</c> on it hands out gap-free sequence numbers inside the registration transaction.</summary>
public sealed class RegistrationCounter
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}

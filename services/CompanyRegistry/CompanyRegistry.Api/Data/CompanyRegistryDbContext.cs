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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram search on names; a trusted extension, so the database owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CompanyRegistryDbContext).Assembly);
        modelBuilder.ApplyEventingModel();
    }
}

/// <summary>One row a year; <c>UPDATE ... RETURNING</c> on it hands out gap-free sequence numbers inside the registration transaction.</summary>
public sealed class RegistrationCounter
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}

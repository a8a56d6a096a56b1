namespace CompanyRegistry.Api.Data;

public sealed class CompanyRegistryDbContext(DbContextOptions<CompanyRegistryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyLicence> Licences => Set<CompanyLicence>();
    public DbSet<CompanyHistoryEntry> History => Set<CompanyHistoryEntry>();
    public DbSet<RegistrationCounter> RegistrationCounters => Set<RegistrationCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Trigram search on names; a trusted extension, so the database owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
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

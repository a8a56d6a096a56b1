namespace LicenceApplications.Api.Data;

public sealed class LicenceApplicationsDbContext(DbContextOptions<LicenceApplicationsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<LicenceType> LicenceTypes => Set<LicenceType>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<LicenceApplication> Applications => Set<LicenceApplication>();

    public DbSet<ApplicationHistoryEntry> ApplicationHistory => Set<ApplicationHistoryEntry>();

    public DbSet<Licence> Licences => Set<Licence>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<LicenceNumberCounter> LicenceNumberCounters => Set<LicenceNumberCounter>();

    public DbSet<ApplicationDocument> Documents => Set<ApplicationDocument>();

    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new DefaultConstraintNamesConvention());

    /// <summary>Every application transition tracked here is announced in the same transaction as the change.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        this.AddApplicationStatusChangedEvents();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

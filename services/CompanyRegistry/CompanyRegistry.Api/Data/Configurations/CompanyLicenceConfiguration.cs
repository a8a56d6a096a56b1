using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompanyRegistry.Api.Data.Configurations;

internal sealed class CompanyLicenceConfiguration : IEntityTypeConfiguration<CompanyLicence>
{
    public void Configure(EntityTypeBuilder<CompanyLicence> licence)
    {
        licence.ToTable("company_licences", t => t.HasCheckConstraint("ck_company_licences_version", "version >= 1"));
        licence.HasKey(l => l.LicenceNumber).HasName("pk_company_licences");
        licence.Property(l => l.LicenceNumber).HasMaxLength(64);
        licence.Property(l => l.LicenceType).HasMaxLength(64);
        licence.Property(l => l.Status).HasMaxLength(20);
        // The projection writes under the row's lock (SELECT ... FOR UPDATE), so this check never fails in
        // normal traffic; it stays as a guard against any other writer.
        licence.Property(l => l.Version).IsConcurrencyToken();
        // Serves the licenceType filter of the search (EXISTS ... WHERE licence_type = ? AND company_id = c.id).
        licence.HasIndex(l => new { l.LicenceType, l.CompanyId }).HasDatabaseName("ix_company_licences_type_company");
        licence.HasIndex(l => l.CompanyId).HasDatabaseName("ix_company_licences_company");
    }
}

internal sealed class CompanyHistoryConfiguration : IEntityTypeConfiguration<CompanyHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CompanyHistoryEntry> history)
    {
        history.ToTable("company_history");
        history.HasKey(h => h.Id).HasName("pk_company_history");
        history.Property(h => h.Id).UseIdentityAlwaysColumn();
        history.Property(h => h.Actor).HasMaxLength(200);
        history.Property(h => h.Action).HasMaxLength(40);
        history.Property(h => h.Reason).HasMaxLength(500);
        history.Property(h => h.Changes).HasColumnType("jsonb");
        history.HasIndex(h => new { h.CompanyId, h.Id }).HasDatabaseName("ix_company_history_company");
    }
}

internal sealed class RegistrationCounterConfiguration : IEntityTypeConfiguration<Data.RegistrationCounter>
{
    public void Configure(EntityTypeBuilder<Data.RegistrationCounter> counter)
    {
        counter.ToTable("registration_counters", t => t.HasCheckConstraint("ck_registration_counters_last_value", "last_value >= 0"));
        counter.HasKey(c => c.Year).HasName("pk_registration_counters");
        counter.Property(c => c.Year).ValueGeneratedNever();
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompanyRegistry.Api.Data.Configurations;

// Column names come from the snake_case convention (CompanyRegistryDbContext.OnConfiguring); only
// names the convention would not produce are written here.
internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public const string TaxIdIndex = "ux_companies_tax_id";
    public const string ActiveNameIndex = "ux_companies_active_name";
    public const string RegistrationNumberIndex = "ux_companies_registration_number";

    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.ToTable("companies", t =>
        {
            t.HasCheckConstraint("ck_companies_status", "status IN ('Active', 'Suspended', 'Dissolved')");
            t.HasCheckConstraint("ck_companies_legal_form", "legal_form IN ('LLC', 'JSC', 'SoleProprietor', 'Partnership', 'Branch')");
            t.HasCheckConstraint("ck_companies_activity_codes", "cardinality(activity_codes) >= 1");
        });
        company.HasKey(c => c.Id).HasName("pk_companies");
        company.Property(c => c.Id).UseIdentityAlwaysColumn();
        company.Property(c => c.RegistrationNumber).HasMaxLength(32);
        company.Property(c => c.LegalName).HasMaxLength(200);
        company.Property(c => c.NameNormalized).HasMaxLength(200);
        company.Property(c => c.LegalForm).HasConversion<string>().HasMaxLength(20);
        company.Property(c => c.TaxId).HasMaxLength(32);
        company.PrimitiveCollection(c => c.ActivityCodes).HasField("_activityCodes");
        company.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        company.Property(c => c.StatusReason).HasMaxLength(500);
        company.Property(c => c.OwnerSubject).HasMaxLength(200);
        company.Property(c => c.ContactEmail).HasMaxLength(254);
        company.Property(c => c.PreferredLanguage).HasMaxLength(2).HasDefaultValue("en");
        company.Property(c => c.Version).IsConcurrencyToken();

        company.OwnsOne(c => c.Address, address =>
        {
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.Country).HasMaxLength(2).IsFixedLength();
        });
        company.Navigation(c => c.Address).IsRequired();

        company.HasIndex(c => c.RegistrationNumber).IsUnique().HasDatabaseName(RegistrationNumberIndex);
        company.HasIndex(c => c.TaxId).IsUnique().HasDatabaseName(TaxIdIndex);
        // A dissolved company frees its name; two live companies may not share one in any casing or accenting.
        // Two indexes on one column must be named in HasIndex, or EF merges them into one; the database
        // name is repeated because the naming convention would rename it after the column.
        company.HasIndex(c => c.NameNormalized, ActiveNameIndex).IsUnique().HasFilter("status <> 'Dissolved'")
            .HasDatabaseName(ActiveNameIndex);
        // Fuzzy name search runs on company_search and name_words (CompanySearchConfiguration), not here.
        company.HasIndex(c => c.ActivityCodes).HasMethod("gin").HasDatabaseName("ix_companies_activity_codes");
        company.HasIndex(c => new { c.Status, c.Id }).HasDatabaseName("ix_companies_status_id");
        company.HasIndex(c => c.OwnerSubject).HasDatabaseName("ix_companies_owner_subject");

        company.HasMany(c => c.Licences).WithOne().HasForeignKey(l => l.CompanyId).HasConstraintName("fk_company_licences_company");
        company.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CompanyId).HasConstraintName("fk_company_history_company");
        company.Navigation(c => c.Licences).HasField("_licences").UsePropertyAccessMode(PropertyAccessMode.Field);
        company.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

using CompanyRegistry.Api.Search;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompanyRegistry.Api.Data.Configurations;

// The search tables are written only by the trigger of migration CompanySearchTables; they are
// mapped so that migrations know them, never written through EF.
internal sealed class CompanySearchEntryConfiguration : IEntityTypeConfiguration<CompanySearchEntry>
{
    public void Configure(EntityTypeBuilder<CompanySearchEntry> entry)
    {
        entry.ToTable("company_search");
        entry.HasKey(e => e.Id).HasName("pk_company_search");
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.NameNormalized).HasMaxLength(200);
        entry.Property(e => e.Status).HasMaxLength(20);
        entry.HasIndex(e => e.Words).HasMethod("gin").HasDatabaseName("ix_company_search_words");
        // A fuzzy query with an activity code intersects this with the words index instead of walking every match.
        entry.HasIndex(e => e.ActivityCodes).HasMethod("gin").HasDatabaseName("ix_company_search_activity_codes");
        entry.HasOne<Company>().WithOne().HasForeignKey<CompanySearchEntry>(e => e.Id)
            .HasConstraintName("fk_company_search_company").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompanyNameWordConfiguration : IEntityTypeConfiguration<CompanyNameWord>
{
    public void Configure(EntityTypeBuilder<CompanyNameWord> word)
    {
        word.ToTable("company_name_words");
        word.HasKey(w => new { w.Word, w.NameLength, w.CompanyId }).HasName("pk_company_name_words");
        word.Property(w => w.Word).HasMaxLength(200);
        // Also in the key's index as an INCLUDE column (raw SQL in migration CompanyNameWordStatus: EF has no INCLUDE for keys).
        word.Property(w => w.Status).HasMaxLength(20);
        word.HasOne<CompanySearchEntry>().WithMany().HasForeignKey(w => w.CompanyId)
            .HasConstraintName("fk_company_name_words_company").OnDelete(DeleteBehavior.Cascade);
        word.HasIndex(w => w.CompanyId).HasDatabaseName("ix_company_name_words_company");
    }
}

internal sealed class CompanyLicenceWordConfiguration : IEntityTypeConfiguration<CompanyLicenceWord>
{
    public void Configure(EntityTypeBuilder<CompanyLicenceWord> word)
    {
        word.ToTable("company_licence_words");
        word.HasKey(w => new { w.LicenceType, w.Word, w.NameLength, w.CompanyId }).HasName("pk_company_licence_words");
        word.Property(w => w.LicenceType).HasMaxLength(64);
        word.Property(w => w.Word).HasMaxLength(200);
        word.HasOne<CompanySearchEntry>().WithMany().HasForeignKey(w => w.CompanyId)
            .HasConstraintName("fk_company_licence_words_company").OnDelete(DeleteBehavior.Cascade);
        word.HasIndex(w => w.CompanyId).HasDatabaseName("ix_company_licence_words_company");
    }
}

internal sealed class NameWordConfiguration : IEntityTypeConfiguration<NameWord>
{
    public void Configure(EntityTypeBuilder<NameWord> word)
    {
        word.ToTable("name_words");
        word.HasKey(w => w.Word).HasName("pk_name_words");
        word.Property(w => w.Word).HasMaxLength(200);
        // Named twice: the key already indexes this column, and the naming convention would rename it after the column.
        word.HasIndex(w => w.Word, "ix_name_words_trgm").HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_name_words_trgm");
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.OwnerSubject).HasMaxLength(200);
        builder.Property(r => r.Key).HasColumnName("idempotency_key").HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResponseBody).HasColumnType("text");
        builder.Property(r => r.ResponseLocation).HasMaxLength(300);
        builder.HasIndex(r => new { r.OwnerSubject, r.Key }).HasDatabaseName("ux_idempotency_keys_owner_key").IsUnique();
        builder.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
    }
}

internal sealed class LicenceNumberCounterConfiguration : IEntityTypeConfiguration<LicenceNumberCounter>
{
    public void Configure(EntityTypeBuilder<LicenceNumberCounter> builder)
    {
        builder.ToTable("licence_number_counters", t => t.HasCheckConstraint("ck_licence_number_counters_value", "last_value > 0"));
        builder.HasKey(c => new { c.LicenceType, c.Year });
        builder.Property(c => c.LicenceType).HasMaxLength(40);
    }
}

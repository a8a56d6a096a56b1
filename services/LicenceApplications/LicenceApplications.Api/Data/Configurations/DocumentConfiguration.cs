using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenceApplications.Api.Data.Configurations;

internal sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> builder)
    {
        builder.ToTable("application_documents", t =>
        {
            t.HasCheckConstraint("ck_application_documents_size", $"size BETWEEN 0 AND {ApplicationDocument.MaxSize}");
            t.HasCheckConstraint("ck_application_documents_content_type", "content_type IN ('', 'application/pdf', 'image/png', 'image/jpeg')");
        });
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasMaxLength(60);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(40);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.UploadedBy).HasMaxLength(200);
        builder.HasIndex(d => d.ApplicationId).HasDatabaseName("ix_application_documents_application_id");
        builder.HasOne<LicenceApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentChunkConfiguration : IEntityTypeConfiguration<DocumentChunk>
{
    public void Configure(EntityTypeBuilder<DocumentChunk> builder)
    {
        builder.ToTable("document_chunks");
        builder.HasKey(c => new { c.DocumentId, c.Sequence });
        builder.Property(c => c.Sequence).HasColumnName("seq");
        // Chunks are already at most a few hundred KB; PostgreSQL's own compression would only cost CPU on PDFs and images.
        builder.Property(c => c.Data).HasColumnType("bytea");
        builder.HasOne<ApplicationDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FeePayments.Api.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices", t =>
        {
            t.HasCheckConstraint("ck_invoices_status", "status IN ('Open', 'Paid', 'Expired')");
            t.HasCheckConstraint("ck_invoices_amount_positive", "amount > 0");
            t.HasCheckConstraint("ck_invoices_currency", "currency ~ '^[A-Z]{3}$'");
            // A paid invoice always says who paid it: the row cannot be half-paid.
            t.HasCheckConstraint("ck_invoices_paid_has_payment",
                "status <> 'Paid' OR (paid_at IS NOT NULL AND bank_code IS NOT NULL AND bank_transaction_id IS NOT NULL)");
            t.HasCanonicalBankCode("invoices");
        });
        builder.HasKey(i => i.Id).HasName("PK_invoices");
        builder.Property(i => i.PaymentReference).HasMaxLength(25);
        builder.Property(i => i.Amount).HasPrecision(18, 2);
        builder.Property(i => i.Currency).HasMaxLength(3);
        builder.Property(i => i.OwnerSubject).HasMaxLength(200);
        builder.Property(i => i.PayeeName).HasMaxLength(300);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.BankCode).HasMaxLength(32);
        builder.Property(i => i.BankTransactionId).HasMaxLength(100);
        builder.Property(i => i.Version).HasColumnName("xmin").HasColumnType("xid")
            .ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();

        // One invoice per application, one invoice per reference: enforced by the database.
        builder.HasIndex(i => i.ApplicationId).IsUnique().HasDatabaseName("ux_invoices_application_id");
        builder.HasIndex(i => i.PaymentReference).IsUnique().HasDatabaseName("ux_invoices_payment_reference");
        builder.HasIndex(i => new { i.Status, i.DueAt }).HasDatabaseName("ix_invoices_status_due_at");
        builder.HasIndex(i => i.OwnerSubject).HasDatabaseName("ix_invoices_owner_subject");
    }
}

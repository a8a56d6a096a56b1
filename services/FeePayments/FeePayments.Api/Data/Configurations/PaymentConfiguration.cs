using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FeePayments.Api.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments", t =>
        {
            t.HasCheckConstraint("ck_payments_amount_positive", "amount > 0");
            // With the unique index below, exactly once holds per canonical (bank code, transaction id).
            t.HasCanonicalBankCode("payments");
        });
        builder.HasKey(p => p.Id).HasName("PK_payments");
        builder.Property(p => p.BankCode).HasMaxLength(32);
        builder.Property(p => p.BankTransactionId).HasMaxLength(100);
        builder.Property(p => p.PaymentReference).HasMaxLength(25);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("FK_payments_invoices_invoice_id");

        // Exactly once, structurally: a bank transaction is accepted once, an invoice is paid once.
        builder.HasIndex(p => new { p.BankCode, p.BankTransactionId }).IsUnique()
            .HasDatabaseName("ux_payments_bank_transaction");
        builder.HasIndex(p => p.InvoiceId).IsUnique().HasDatabaseName("ux_payments_invoice_id");
    }
}

internal static class BankCodeConstraint
{
    /// <summary>
    /// Bank codes are stored in their one canonical spelling (BankDirectory.Canonical: upper case), so no
    /// index on them can be dodged by writing "demobank" beside "DEMOBANK".
    /// </summary>
    public static void HasCanonicalBankCode<T>(this TableBuilder<T> table, string name)
        where T : class =>
        table.HasCheckConstraint($"ck_{name}_bank_code_canonical", "bank_code = upper(bank_code)");
}

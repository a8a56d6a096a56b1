using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FeePayments.Api.Data.Configurations;

internal sealed class PaymentAttemptConfiguration : IEntityTypeConfiguration<PaymentAttempt>
{
    public void Configure(EntityTypeBuilder<PaymentAttempt> builder)
    {
        // UPDATE and DELETE are rejected by the trigger created in the Initial migration; since AuditRetention
        // it lets pruning (Audit/AuditPruning.cs) delete rows older than a declared cutoff, nothing else.
        builder.ToTable("payment_attempts", t => t.HasCanonicalBankCode("payment_attempts"));
        builder.HasKey(a => a.Id).HasName("PK_payment_attempts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.BankCode).HasMaxLength(32);
        builder.Property(a => a.BankTransactionId).HasMaxLength(100);
        builder.Property(a => a.PaymentReference).HasMaxLength(64);
        builder.Property(a => a.Amount).HasPrecision(18, 2);
        builder.Property(a => a.Currency).HasMaxLength(8);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Outcome).HasMaxLength(40);
        builder.HasIndex(a => new { a.BankCode, a.BankTransactionId }).HasDatabaseName("ix_payment_attempts_bank_transaction");
        builder.HasIndex(a => a.PaymentReference).HasDatabaseName("ix_payment_attempts_payment_reference");
        // Pruning deletes the oldest rows first (PaymentAudit:Retention).
        builder.HasIndex(a => a.ReceivedAt).HasDatabaseName("ix_payment_attempts_received_at");
    }
}

internal sealed class PaymentExceptionConfiguration : IEntityTypeConfiguration<PaymentException>
{
    public void Configure(EntityTypeBuilder<PaymentException> builder)
    {
        builder.ToTable("payment_exceptions", t => t.HasCanonicalBankCode("payment_exceptions"));
        builder.HasKey(e => e.Id).HasName("PK_payment_exceptions");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.BankCode).HasMaxLength(32);
        builder.Property(e => e.BankTransactionId).HasMaxLength(100);
        builder.Property(e => e.PaymentReference).HasMaxLength(64);
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Currency).HasMaxLength(8);
        builder.Property(e => e.Reason).HasMaxLength(40);
        // Each reconciliation run sees the same transaction again; it is one exception for a person.
        builder.HasIndex(e => new { e.BankCode, e.BankTransactionId }).IsUnique()
            .HasDatabaseName("ux_payment_exceptions_bank_transaction");
    }
}

internal sealed class ReconciliationCursorConfiguration : IEntityTypeConfiguration<ReconciliationCursor>
{
    public void Configure(EntityTypeBuilder<ReconciliationCursor> builder)
    {
        builder.ToTable("reconciliation_cursors", t => t.HasCanonicalBankCode("reconciliation_cursors"));
        builder.HasKey(c => c.BankCode).HasName("PK_reconciliation_cursors");
        builder.Property(c => c.BankCode).HasMaxLength(32);
    }
}

namespace FeePayments.Api.Data;

public sealed class FeePaymentsDbContext(DbContextOptions<FeePaymentsDbContext> options) : ServiceDbContext(options)
{
    public const string ReferenceSequence = "invoice_reference_seq";

    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAttempt> PaymentAttempts => Set<PaymentAttempt>();
    public DbSet<PaymentException> PaymentExceptions => Set<PaymentException>();
    public DbSet<ReconciliationCursor> ReconciliationCursors => Set<ReconciliationCursor>();
    public DbSet<CancelledApplication> CancelledApplications => Set<CancelledApplication>();

    /// <summary>
    /// Serialises the submission and the cancellation of one application until the transaction ends, so
    /// each sees what the other did (an invoice, or a cancellation) however the two events interleave.
    /// </summary>
    public Task LockApplicationAsync(Guid applicationId, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({applicationId.ToString()}, 0))", ct);

    /// <summary>Next value of the reference sequence: never the same twice, even across rollbacks.</summary>
    public Task<long> NextReferenceNumberAsync(CancellationToken ct) =>
        Database.SqlQueryRaw<long>($"SELECT nextval('{ReferenceSequence}') AS \"Value\"").SingleAsync(ct);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasSequence<long>(ReferenceSequence).StartsAt(1).IncrementsBy(1);
        // UseSnakeCaseNamingConvention names tables, columns and indexes. Keys named PK_/FK_ (here and in the
        // configurations) keep the names the migrations gave them before the convention: the schema is unchanged.
        modelBuilder.Entity<OutboxMessage>().HasKey(m => m.Id).HasName("PK_outbox_messages");
    }
}

using FeePayments.Contracts;
using Npgsql;

namespace FeePayments.Api.Payments;

/// <summary>
/// The one path by which a bank payment takes effect, for callbacks and reconciliation alike.
/// Exactly once is the database's job: the invoice row is locked (FOR UPDATE) so confirmations of one
/// invoice run one after another, and unique indexes on payments (bank + transaction, invoice) turn
/// any race the lock does not cover into a retry that then sees the winner.
/// </summary>
public sealed class PaymentConfirmationService(
    FeePaymentsDbContext db, TimeProvider time, ILogger<PaymentConfirmationService> logger)
{
    private const int MaxAttempts = 4;

    public async Task<ConfirmationOutcome> ConfirmAsync(BankPayment payment, string? rawBody, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(ct2 => DecideAndSaveAsync(payment, rawBody, ct2), ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // A concurrent confirmation won a unique index; deciding again (from a clean tracker) will see its row.
                logger.LogDebug("Confirmation of {BankCode}/{TransactionId} lost a race; deciding again",
                    payment.BankCode, payment.BankTransactionId);
            }
        }
    }

    /// <summary>Records an authenticated callback whose body could not be read, for the audit trail.</summary>
    public async Task RecordInvalidAsync(string bankCode, string rawBody, CancellationToken ct)
    {
        db.PaymentAttempts.Add(new PaymentAttempt
        {
            BankCode = bankCode,
            Source = PaymentSource.Callback,
            Outcome = ConfirmationOutcome.Invalid.ToSlug(),
            // Stryker disable once Equality : equivalent; a body of exactly 8000 characters is the same cut or not.
            RawBody = rawBody.Length > 8000 ? rawBody[..8000] : rawBody,
            ReceivedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A reconciled transaction whose values are invalid (e.g. three decimals): a person decides.</summary>
    public async Task RecordUnappliableAsync(string bankCode, string transactionId, string reference, decimal amount,
        string currency, DateTimeOffset paidAt, CancellationToken ct)
    {
        var payment = new BankPayment(bankCode, Truncate(reference, 64), amount, Truncate(currency, 8),
            Truncate(transactionId, BankPaymentParser.MaxTransactionIdLength), BankPayment.NormalizeTime(paidAt),
            PaymentSource.Reconciliation);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct2 =>
            {
                // Clean first: neither a transient failure's try nor a lost race before may ride along with this save.
                db.ChangeTracker.Clear();
                await RecordExceptionAsync(payment, ConfirmationOutcome.Invalid, time.GetUtcNow(), ct2);
                await db.SaveChangesAsync(ct2);
            }, ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Recorded meanwhile by a concurrent run: one exception per bank transaction is the point.
        }
    }

    // Stryker disable once Equality : equivalent; a value of exactly the length is the same cut or not.
    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    private async Task<ConfirmationOutcome> DecideAndSaveAsync(BankPayment payment, string? rawBody, CancellationToken ct)
    {
        // Every decision starts from what the database holds now, never from what a lost try left tracked.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();

        // xmin is a system column: SELECT * does not return it, and EF needs it for the row version.
        var invoice = (await db.Invoices
            .FromSql($"SELECT *, xmin FROM invoices WHERE payment_reference = {payment.PaymentReference} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
        var earlier = await db.Payments.SingleOrDefaultAsync(
            p => p.BankCode == payment.BankCode && p.BankTransactionId == payment.BankTransactionId, ct);

        // The bank transaction's history decides first, then the invoice (the domain's rules).
        var acceptance = earlier?.Reconfirm(payment) ?? invoice?.Accept(payment, now) ?? PaymentAcceptance.UnknownReference;
        var outcome = acceptance.Outcome;
        if (acceptance.Payment is { } accepted)
        {
            Record(accepted, invoice!, payment.Source);
        }
        else if (acceptance.ExpiredNow)
        {
            // Past due but the expiry job had not run yet: it expired here, under the same lock.
            db.AddIntegrationEvent(
                new InvoiceExpiredIntegrationEvent(invoice!.ApplicationId, invoice.PaymentReference, now),
                invoice.ApplicationId.ToString());
        }

        if (payment.Source == PaymentSource.Reconciliation && outcome.NeedsPerson())
        {
            await RecordExceptionAsync(payment, outcome, now, ct);
        }

        db.PaymentAttempts.Add(new PaymentAttempt
        {
            BankCode = payment.BankCode,
            BankTransactionId = payment.BankTransactionId,
            PaymentReference = payment.PaymentReference,
            Amount = payment.Amount,
            Currency = payment.Currency,
            PaidAt = payment.PaidAt,
            Source = payment.Source,
            Outcome = outcome.ToSlug(),
            RawBody = rawBody,
            ReceivedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

    private void Record(Payment payment, Invoice invoice, PaymentSource source)
    {
        db.Payments.Add(payment);
        db.AddIntegrationEvent(
            new InvoicePaidIntegrationEvent(invoice.ApplicationId, invoice.PaymentReference, invoice.Amount,
                invoice.Currency, payment.BankCode, payment.BankTransactionId, payment.PaidAt),
            invoice.ApplicationId.ToString());
        logger.LogInformation("Invoice {PaymentReference} paid through {BankCode} ({Source})",
            invoice.PaymentReference, payment.BankCode, source);
    }

    private async Task RecordExceptionAsync(BankPayment payment, ConfirmationOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var known = await db.PaymentExceptions.AnyAsync(
            e => e.BankCode == payment.BankCode && e.BankTransactionId == payment.BankTransactionId, ct);
        if (known)
        {
            return;
        }

        db.PaymentExceptions.Add(new PaymentException
        {
            BankCode = payment.BankCode,
            BankTransactionId = payment.BankTransactionId,
            PaymentReference = payment.PaymentReference,
            Amount = payment.Amount,
            Currency = payment.Currency,
            PaidAt = payment.PaidAt,
            Reason = outcome.ToSlug(),
            DetectedAt = now,
        });
        logger.LogWarning("Bank transaction {BankCode}/{TransactionId} cannot be applied: {Reason}",
            payment.BankCode, payment.BankTransactionId, outcome.ToSlug());
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

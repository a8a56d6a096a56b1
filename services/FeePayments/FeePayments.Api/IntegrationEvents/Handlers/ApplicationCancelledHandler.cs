using FeePayments.Contracts;
using LicenceApplications.Contracts;

namespace FeePayments.Api.IntegrationEvents.Handlers;

/// <summary>
/// A cancelled application's invoice stops being payable: it becomes Expired and says so, and a bank
/// paying it from then on gets 422 invoice-expired. If a payment committed first (the invoice row lock
/// orders the two), the money is kept as paid and becomes a payment exception for a person to refund.
/// </summary>
internal sealed class ApplicationCancelledHandler(FeePaymentsDbContext db, TimeProvider time, ILogger<ApplicationCancelledHandler> logger)
    : IIntegrationEventHandler<ApplicationCancelledIntegrationEvent>
{
    public async Task HandleAsync(ApplicationCancelledIntegrationEvent evt, CancellationToken ct)
    {
        await db.LockApplicationAsync(evt.ApplicationId, ct);
        // Locked so a payment arriving at the same moment either wins before us or sees Expired.
        var invoice = (await db.Invoices
            .FromSql($"SELECT *, xmin FROM invoices WHERE application_id = {evt.ApplicationId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
        var now = time.GetUtcNow();
        if (invoice is null)
        {
            // Cancelled overtook submitted (other topic, no order between them): remembered, so the
            // submission issues no payable invoice. Not an error: cancelling at once is a person's right.
            if (!await db.CancelledApplications.AnyAsync(c => c.ApplicationId == evt.ApplicationId, ct))
            {
                db.CancelledApplications.Add(new CancelledApplication
                {
                    ApplicationId = evt.ApplicationId, CancelledAt = evt.CancelledAt, ReceivedAt = now,
                });
                await db.SaveChangesAsync(ct);
            }

            logger.LogInformation("Application {ApplicationId} was cancelled before its invoice was issued", evt.ApplicationId);
            return;
        }

        if (invoice.Expire(now))
        {
            db.AddIntegrationEvent(new InvoiceExpiredIntegrationEvent(invoice.ApplicationId, invoice.PaymentReference, now),
                invoice.ApplicationId.ToString());
            await db.SaveChangesAsync(ct);
            return;
        }

        if (invoice.Status == InvoiceStatus.Paid)
        {
            await RecordPaidAfterCancellationAsync(invoice, now, ct);
        }
    }

    /// <summary>
    /// The payment won the race (or the application was cancelled after payment): the money was taken for
    /// an application that will never be decided. It is never lost: it stays the invoice's payment and is
    /// listed at GET /api/payments/exceptions, once however often the event is redelivered.
    /// </summary>
    private async Task RecordPaidAfterCancellationAsync(Invoice invoice, DateTimeOffset now, CancellationToken ct)
    {
        var known = await db.PaymentExceptions.AnyAsync(
            e => e.BankCode == invoice.BankCode && e.BankTransactionId == invoice.BankTransactionId, ct);
        if (known)
        {
            return;
        }

        db.PaymentExceptions.Add(new PaymentException
        {
            BankCode = invoice.BankCode!,
            BankTransactionId = invoice.BankTransactionId!,
            PaymentReference = invoice.PaymentReference,
            Amount = invoice.Amount,
            Currency = invoice.Currency,
            PaidAt = invoice.PaidAt!.Value,
            Reason = PaymentException.ApplicationCancelled,
            DetectedAt = now,
        });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Application {ApplicationId} was cancelled after its invoice {PaymentReference} was paid; " +
            "recorded as a payment exception for a refund", invoice.ApplicationId, invoice.PaymentReference);
    }
}

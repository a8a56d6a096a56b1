using FeePayments.Api.Data;
using FeePayments.Contracts;
using G2B.Eventing;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace FeePayments.Api.IntegrationEvents.Handlers;

/// <summary>A cancelled application's invoice stops being payable: it becomes Expired and says so.</summary>
internal sealed class ApplicationCancelledHandler(FeePaymentsDbContext db, TimeProvider time, ILogger<ApplicationCancelledHandler> logger)
    : IIntegrationEventHandler<ApplicationCancelledIntegrationEvent>
{
    public async Task HandleAsync(ApplicationCancelledIntegrationEvent evt, CancellationToken ct)
    {
        // Locked so a payment arriving at the same moment either wins before us or sees Expired.
        var invoice = (await db.Invoices
            .FromSql($"SELECT *, xmin FROM invoices WHERE application_id = {evt.ApplicationId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault()
            // Cancelled overtook submitted: fail so the event is redelivered once the invoice exists.
            ?? throw new InvalidOperationException($"No invoice yet for cancelled application {evt.ApplicationId}.");

        var now = time.GetUtcNow();
        if (!invoice.Expire(now))
        {
            logger.LogWarning("Application {ApplicationId} was cancelled but its invoice is {Status}",
                evt.ApplicationId, invoice.Status);
            return;
        }

        db.AddIntegrationEvent(new InvoiceExpiredIntegrationEvent(invoice.ApplicationId, invoice.PaymentReference, now),
            invoice.ApplicationId.ToString());
        await db.SaveChangesAsync(ct);
    }
}

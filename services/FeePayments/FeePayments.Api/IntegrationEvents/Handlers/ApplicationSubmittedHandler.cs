using FeePayments.Api.Invoices;
using FeePayments.Contracts;
using LicenceApplications.Contracts;
using Microsoft.Extensions.Options;

namespace FeePayments.Api.IntegrationEvents.Handlers;

/// <summary>
/// Issues the invoice of a submitted application. One invoice per application: the inbox drops a
/// redelivered event, and the unique index on application_id stops a second event for the same application.
/// </summary>
internal sealed class ApplicationSubmittedHandler(
    FeePaymentsDbContext db, TimeProvider time, IOptionsMonitor<InvoiceOptions> options, ILogger<ApplicationSubmittedHandler> logger)
    : IIntegrationEventHandler<ApplicationSubmittedIntegrationEvent>
{
    public async Task HandleAsync(ApplicationSubmittedIntegrationEvent evt, CancellationToken ct)
    {
        await db.LockApplicationAsync(evt.ApplicationId, ct);
        if (await db.Invoices.AnyAsync(i => i.ApplicationId == evt.ApplicationId, ct))
        {
            logger.LogInformation("Application {ApplicationId} already has an invoice", evt.ApplicationId);
            return;
        }

        if (await db.CancelledApplications.AnyAsync(c => c.ApplicationId == evt.ApplicationId, ct))
        {
            // Its cancellation got here first: an invoice now could only be paid for nothing.
            logger.LogInformation("Application {ApplicationId} was cancelled before it reached us; no invoice issued", evt.ApplicationId);
            return;
        }

        var settings = options.CurrentValue;
        var reference = PaymentReference.Create(
            ReferenceBody.From(settings.ReferencePrefix, await db.NextReferenceNumberAsync(ct)));
        var now = time.GetUtcNow();
        var invoice = new Invoice(evt.ApplicationId, reference, evt.Fee, evt.Currency.ToUpperInvariant(),
            evt.OwnerSubject, evt.LegalName, now, now + settings.DuePeriod);
        db.Invoices.Add(invoice);
        db.AddIntegrationEvent(
            new InvoiceIssuedIntegrationEvent(invoice.ApplicationId, invoice.PaymentReference, invoice.Amount,
                invoice.Currency, invoice.DueAt),
            invoice.ApplicationId.ToString());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invoice {PaymentReference} issued for application {ApplicationId}",
            invoice.PaymentReference, invoice.ApplicationId);
    }
}

using FeePayments.Contracts;
using LicenceApplications.Api.Applications;

namespace LicenceApplications.Api.IntegrationEvents.Handlers;

/// <summary>Shows the invoice's payment reference on the application; harmless if the payment got here first.</summary>
internal sealed class InvoiceIssuedHandler(ApplicationCommands applications, ILogger<InvoiceIssuedHandler> logger)
    : IIntegrationEventHandler<InvoiceIssuedIntegrationEvent>
{
    public async Task HandleAsync(InvoiceIssuedIntegrationEvent evt, CancellationToken ct)
    {
        var application = await applications.LoadAsync(evt.ApplicationId, ct);
        if (application is null)
        {
            logger.LogWarning("Invoice {PaymentReference} names unknown application {ApplicationId}", evt.PaymentReference, evt.ApplicationId);
            return;
        }

        if (application.TrySetPaymentReference(evt.PaymentReference))
        {
            await applications.SaveAsync(ct);
        }
    }
}

/// <summary>Payment confirmed: the application is issued or goes to review (or the late payment is recorded).</summary>
internal sealed class InvoicePaidHandler(ApplicationDecisions decisions, ILogger<InvoicePaidHandler> logger)
    : IIntegrationEventHandler<InvoicePaidIntegrationEvent>
{
    public async Task HandleAsync(InvoicePaidIntegrationEvent evt, CancellationToken ct)
    {
        var payment = await decisions.LoadForPaymentAsync(evt.ApplicationId, ct);
        if (payment is null)
        {
            logger.LogWarning("Payment {PaymentReference} names unknown application {ApplicationId}", evt.PaymentReference, evt.ApplicationId);
            return;
        }

        var application = payment.Application;
        var outcome = await decisions.RecordPaymentAsync(payment, evt.PaymentReference, ct);
        if (outcome == Domain.PaymentOutcome.HeldCompanyNotActive)
        {
            logger.LogWarning("Application {ApplicationId} was paid but company {RegistrationNumber} is not confirmed Active; held for review",
                application.Id, application.RegistrationNumber);
        }
        else if (outcome == Domain.PaymentOutcome.PaidTooLate)
        {
            logger.LogWarning("Application {ApplicationId} was paid while {Status}; the payment needs a refund",
                application.Id, application.Status);
        }
    }
}

/// <summary>The invoice's due date passed unpaid: an application still awaiting payment expires with it.</summary>
internal sealed class InvoiceExpiredHandler(ApplicationCommands applications, TimeProvider time)
    : IIntegrationEventHandler<InvoiceExpiredIntegrationEvent>
{
    public async Task HandleAsync(InvoiceExpiredIntegrationEvent evt, CancellationToken ct)
    {
        var application = await applications.LoadAsync(evt.ApplicationId, ct);
        if (application is not null && application.TryExpire(time.GetUtcNow()))
        {
            await applications.SaveAsync(ct);
        }
    }
}

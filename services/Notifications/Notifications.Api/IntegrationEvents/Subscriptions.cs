using CompanyRegistry.Contracts;
using FeePayments.Contracts;
using LicenceApplications.Contracts;
using Notifications.Api.IntegrationEvents.Handlers;

namespace Notifications.Api.IntegrationEvents;

/// <summary>Every public event this service tells people about: one handler and one route each.</summary>
public static class Subscriptions
{
    public static IServiceCollection AddNotificationHandlers(this IServiceCollection services)
    {
        services.AddIntegrationEventHandler<CompanyRegisteredIntegrationEvent, CompanyRegisteredHandler>();
        services.AddIntegrationEventHandler<CompanyStatusChangedIntegrationEvent, CompanyStatusChangedHandler>();
        services.AddIntegrationEventHandler<CompanyAmendedIntegrationEvent, CompanyAmendedHandler>();
        services.AddIntegrationEventHandler<ApplicationSubmittedIntegrationEvent, ApplicationSubmittedHandler>();
        services.AddIntegrationEventHandler<ApplicationCancelledIntegrationEvent, ApplicationCancelledHandler>();
        services.AddIntegrationEventHandler<ApplicationStatusChangedIntegrationEvent, ApplicationStatusChangedHandler>();
        services.AddIntegrationEventHandler<InvoiceIssuedIntegrationEvent, InvoiceIssuedHandler>();
        services.AddIntegrationEventHandler<InvoicePaidIntegrationEvent, InvoicePaidHandler>();
        services.AddIntegrationEventHandler<InvoiceExpiredIntegrationEvent, InvoiceExpiredHandler>();
        services.AddIntegrationEventHandler<LicenceIssuedIntegrationEvent, LicenceIssuedHandler>();
        services.AddIntegrationEventHandler<LicenceStatusChangedIntegrationEvent, LicenceStatusChangedHandler>();
        services.AddIntegrationEventHandler<LicenceRenewedIntegrationEvent, LicenceRenewedHandler>();
        return services;
    }
}

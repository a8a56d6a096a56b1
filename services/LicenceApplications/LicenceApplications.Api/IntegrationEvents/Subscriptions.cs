using CompanyRegistry.Contracts;
using FeePayments.Contracts;
using LicenceApplications.Api.IntegrationEvents.Handlers;

namespace LicenceApplications.Api.IntegrationEvents;

/// <summary>What this service consumes: the registry's company events and fee payments' invoice events.</summary>
public static class Subscriptions
{
    public static IServiceCollection AddLicenceApplicationsHandlers(this IServiceCollection services) => services
        .AddIntegrationEventHandler<CompanyRegisteredIntegrationEvent, CompanyRegisteredHandler>()
        .AddIntegrationEventHandler<CompanyStatusChangedIntegrationEvent, CompanyStatusChangedHandler>()
        .AddIntegrationEventHandler<CompanyAmendedIntegrationEvent, CompanyAmendedHandler>()
        .AddIntegrationEventHandler<InvoiceIssuedIntegrationEvent, InvoiceIssuedHandler>()
        .AddIntegrationEventHandler<InvoicePaidIntegrationEvent, InvoicePaidHandler>()
        .AddIntegrationEventHandler<InvoiceExpiredIntegrationEvent, InvoiceExpiredHandler>();
}

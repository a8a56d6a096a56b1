using CompanyRegistry.Api.IntegrationEvents.Handlers;
using LicenceApplications.Contracts;

namespace CompanyRegistry.Api.IntegrationEvents;

public static class Subscriptions
{
    public static IServiceCollection AddCompanyRegistryHandlers(this IServiceCollection services)
    {
        services.AddScoped<LicenceProjection>();
        services.AddIntegrationEventHandler<LicenceIssuedIntegrationEvent, LicenceIssuedHandler>();
        services.AddIntegrationEventHandler<LicenceStatusChangedIntegrationEvent, LicenceStatusChangedHandler>();
        services.AddIntegrationEventHandler<LicenceRenewedIntegrationEvent, LicenceRenewedHandler>();
        return services;
    }
}

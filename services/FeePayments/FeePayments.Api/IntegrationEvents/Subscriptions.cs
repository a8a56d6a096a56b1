using FeePayments.Api.Data;
using G2B.Eventing;
using LicenceApplications.Contracts;

namespace FeePayments.Api.IntegrationEvents;

public static class Subscriptions
{
    public static WebApplication MapFeePaymentsSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEvent<ApplicationSubmittedIntegrationEvent, FeePaymentsDbContext>();
        app.MapIntegrationEvent<ApplicationCancelledIntegrationEvent, FeePaymentsDbContext>();
        return app;
    }
}

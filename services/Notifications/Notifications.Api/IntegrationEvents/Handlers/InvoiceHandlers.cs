using FeePayments.Contracts;
using Notifications.Api.Feed;

namespace Notifications.Api.IntegrationEvents.Handlers;

// Invoice events name only the application: the writer finds the company through application_links.

internal sealed class InvoiceIssuedHandler(FeedWriter writer) : FeedHandler<InvoiceIssuedIntegrationEvent>(writer)
{
    protected override FeedEntry Describe(InvoiceIssuedIntegrationEvent evt) => new(
        FeedTypes.InvoiceIssued, null, evt.ApplicationId,
        Ids(("applicationId", evt.ApplicationId), ("paymentReference", evt.PaymentReference)),
        new { evt.Amount, evt.Currency, evt.DueAt });
}

internal sealed class InvoicePaidHandler(FeedWriter writer) : FeedHandler<InvoicePaidIntegrationEvent>(writer)
{
    // The bank's transaction id stays private to the payer and the regulator's invoice API.
    protected override FeedEntry Describe(InvoicePaidIntegrationEvent evt) => new(
        FeedTypes.InvoicePaid, null, evt.ApplicationId,
        Ids(("applicationId", evt.ApplicationId), ("paymentReference", evt.PaymentReference)),
        new { evt.Amount, evt.Currency, evt.BankCode, evt.PaidAt });
}

internal sealed class InvoiceExpiredHandler(FeedWriter writer) : FeedHandler<InvoiceExpiredIntegrationEvent>(writer)
{
    protected override FeedEntry Describe(InvoiceExpiredIntegrationEvent evt) => new(
        FeedTypes.InvoiceExpired, null, evt.ApplicationId,
        Ids(("applicationId", evt.ApplicationId), ("paymentReference", evt.PaymentReference)),
        new { evt.ExpiredAt });
}

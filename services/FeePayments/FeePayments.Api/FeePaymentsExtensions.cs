using FeePayments.Api.Audit;
using FeePayments.Api.Banks;
using FeePayments.Api.IntegrationEvents.Handlers;
using FeePayments.Api.Invoices;
using FeePayments.Api.Payments;
using FeePayments.Api.Reconciliation;
using LicenceApplications.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace FeePayments.Api;

public static class FeePaymentsExtensions
{
    /// <summary>Database, eventing, bank authentication, payments, invoice expiry, audit pruning and reconciliation.</summary>
    public static WebApplicationBuilder AddFeePayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddServiceDatabase<FeePaymentsDbContext>();
        builder.AddEventing<FeePaymentsDbContext>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<InvoiceOptions>().BindConfiguration(InvoiceOptions.SectionName);
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.SectionName);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName);

        services.AddOptions<BankAuthOptions>().BindConfiguration(BankAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BankAuthOptions>, BankAuthOptionsValidator>();
        services.AddSingleton<BankDirectory>();
        services.AddSingleton<BankSignatureFilter>();
        services.AddScoped<PaymentConfirmationService>();
        services.AddScoped<InvoiceExpiry>();
        services.AddHostedService<InvoiceExpiryJob>();
        services.AddScoped<AuditPruning>();
        services.AddHostedService<AuditPruningJob>();

        services.AddIntegrationEventHandler<ApplicationSubmittedIntegrationEvent, ApplicationSubmittedHandler>();
        services.AddIntegrationEventHandler<ApplicationCancelledIntegrationEvent, ApplicationCancelledHandler>();

        // Timeouts, retries and a circuit breaker per bank host, from Reconciliation:Http (bound lazily).
        services.AddHttpClient(ReconciliationOptions.HttpClientName)
            .AddStandardResilienceHandler(builder.Configuration.GetSection($"{ReconciliationOptions.SectionName}:Http"))
            .SelectPipelineByAuthority();
        services.AddSingleton<BankTransactionsClientFactory>();
        services.AddSingleton<ReconciliationRunner>();
        services.AddHostedService<ReconciliationJob>();
        return builder;
    }
}

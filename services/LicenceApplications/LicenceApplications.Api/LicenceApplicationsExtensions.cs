using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Catalogue;
using LicenceApplications.Api.Certificates;
using LicenceApplications.Api.Clients;
using LicenceApplications.Api.Companies;
using LicenceApplications.Api.Credentials;
using LicenceApplications.Api.Documents;
using LicenceApplications.Api.IntegrationEvents;
using LicenceApplications.Api.Licences;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace LicenceApplications.Api;

public static class LicenceApplicationsExtensions
{
    /// <summary>Database, eventing, the registry client, the domain services and the expiry job.</summary>
    public static WebApplicationBuilder AddLicenceApplications(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LicenceApplicationsDbContext>();
        builder.AddConfiguredCatalogue();
        // A field sent twice is refused (400), not silently resolved to whichever copy the parser keeps.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        builder.AddEventing<LicenceApplicationsDbContext>();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddTransient<ForwardedBearerTokenHandler>();
        services.AddRefitGeneratedClient<IRegistryClient>(RegistryJsonContext.Default)
            .ConfigureHttpClient((sp, http) =>
            {
                // Read at first use so test hosts can point it elsewhere after Program starts building.
                var baseUrl = sp.GetRequiredService<IConfiguration>()["Services:CompanyRegistry:BaseUrl"]
                    ?? throw new InvalidOperationException("Services:CompanyRegistry:BaseUrl is not configured.");
                http.BaseAddress = new Uri(baseUrl);
            })
            .AddHttpMessageHandler<ForwardedBearerTokenHandler>()
            .AddStandardResilienceHandler();

        services.AddOptions<IdempotencySettings>().BindConfiguration("Idempotency");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IdempotencySettings>>().Value);
        services.AddOptions<LicenceExpiryOptions>().BindConfiguration("LicenceExpiry");
        services.AddSingleton<LicenceExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<LicenceExpiryJob>());

        services.AddScoped<CompanyDirectory>();
        services.AddScoped<CompanyViewStore>();
        services.AddScoped<IdempotentCreation>();
        services.AddScoped<ApplicationSubmission>();
        services.AddScoped<ApplicationCommands>();
        services.AddScoped<ApplicationDecisions>();
        services.AddScoped<ApplicationSearch>();
        services.AddScoped<DocumentStore>();
        services.AddScoped<LicenceIssuer>();
        services.AddScoped<LicenceLifecycle>();
        services.AddScoped<LicenceRenewals>();
        services.AddScoped<LicenceEligibility>();
        services.AddScoped<LicenceSearch>();
        services.AddOptions<CredentialOptions>().BindConfiguration("Credentials");
        services.AddOptions<VerificationOptions>().BindConfiguration("Verification");
        services.AddSingleton<CredentialKeyRing>();
        services.AddSingleton<CertificateFonts>();
        services.AddSingleton<LicenceCredentialIssuer>();
        services.AddSingleton<LicenceCredentialVerifier>();
        services.AddScoped<CredentialVerification>();
        services.AddLicenceApplicationsHandlers();
        return builder;
    }
}

using CompanyRegistry.Api.ActivityCodes;
using CompanyRegistry.Api.Amendments;
using CompanyRegistry.Api.Companies;
using CompanyRegistry.Api.IntegrationEvents;
using CompanyRegistry.Api.Internal;
using CompanyRegistry.Api.Registration;
using CompanyRegistry.Api.Search;
using CompanyRegistry.Api.StatusChanges;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CompanyRegistry.Api;

public static class CompanyRegistryExtensions
{
    public static WebApplicationBuilder AddCompanyRegistry(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CompanyRegistryDbContext>();
        // A field sent twice is refused (400), not silently resolved to whichever copy the parser keeps.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        builder.AddEventing<CompanyRegistryDbContext>();
        builder.Services.AddOptions<RegistryOptions>()
            .Bind(builder.Configuration.GetSection(RegistryOptions.SectionName))
            .Validate(o => o.WordSimilarityThreshold is > 0 and <= 1, "Registry:WordSimilarityThreshold must be in (0, 1].")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ActivityCodeCatalog.Load());
        builder.Services.AddSingleton<RegistrationValidator>();
        builder.Services.AddScoped<CompanyRegistrar>();
        builder.Services.AddScoped<CompanyStatusChanges>();
        builder.Services.AddSingleton<AmendmentReader>();
        builder.Services.AddScoped<CompanyAmendments>();
        builder.Services.AddCompanyRegistryHandlers();
        return builder;
    }

    /// <summary>Every public and internal route of the registry, one call per feature.</summary>
    public static IEndpointRouteBuilder MapCompanyRegistryApi(this IEndpointRouteBuilder app)
    {
        app.MapRegistrationApi();
        app.MapCompaniesApi();
        app.MapSearchApi();
        app.MapStatusChangesApi();
        app.MapAmendmentsApi();
        app.MapActivityCodesApi();
        app.MapInternalCompaniesApi();
        return app;
    }
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;

namespace Portal.Api;

internal static class SuiteApiSetup
{
    public static void AddSuiteApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddTransient<AccessTokenHandler>();
        services.AddRefitGeneratedClient<ISuiteApi>(SuiteJsonContext.Default)
            .ConfigureHttpClient((sp, http) =>
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PortalOptions>>().Value.GatewayUrl))
            .AddHttpMessageHandler<AccessTokenHandler>()
            .AddStandardResilienceHandler(o =>
            {
                // Only reads are retried: a registration must never be sent twice by the transport.
                o.Retry.DisableForUnsafeHttpMethods();
            });
        services.AddScoped<SuiteClient>();
        services.AddScoped<SuiteCatalogue>();
    }
}

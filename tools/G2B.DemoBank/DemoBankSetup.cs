using Microsoft.Extensions.Options;

namespace G2B.DemoBank;

/// <summary>Services of the demo bank; also used by tests that host it in-process.</summary>
public static class DemoBankSetup
{
    public static WebApplicationBuilder AddDemoBank(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoBankOptions>().BindConfiguration(DemoBankOptions.SectionName)
            .Validate(o => !string.IsNullOrEmpty(o.Secret), "DemoBank:Secret is not configured.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TransactionStore>();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(sp => new SuiteClient(
            SuiteClient.CreateHttpClient(sp.GetRequiredService<IOptions<DemoBankOptions>>().Value, sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<TransactionStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DemoBankOptions>>()));
        return builder;
    }
}

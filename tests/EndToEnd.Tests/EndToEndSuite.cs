namespace EndToEnd.Tests;

/// <summary>
/// The shared suite, plus a licence type only these tests use, configured the way an operator adds
/// one (the <c>Catalogue:Types</c> section, docs/architecture.md "The catalogue"): its renewal window
/// is longer than its validity, so a licence issued a moment ago can be renewed without touching
/// any clock. Its activity code is one no other test registers, so no other journey picks the type.
/// </summary>
public sealed class EndToEndSuite : SuiteFixture
{
    public const string RenewableType = "E2E-RENEWABLE";

    /// <summary>NACE 47.62, retail sale of newspapers and stationery.</summary>
    public const string RenewableActivity = "47.62";

    public const int RenewableValidityMonths = 12;

    public const int RenewableWindowDays = 400;

    /// <summary>Where the gateway exports its traces and metrics (OTLP over gRPC, as deployed): NativeGatewayTests.</summary>
    public OtlpReceiver Collector { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Collector = await OtlpReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }

    protected override IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceSettings(string work)
    {
        const string type = $"Catalogue__Types__{RenewableType}__";
        return new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // The gateway (a Native AOT binary) with the exporter on, as the manifests set it, and its request lines at
            // Information from an override (the levels reader it uses instead of Serilog.Settings.Configuration).
            ["gateway"] = new Dictionary<string, string>
            {
                ["Otel__Endpoint"] = Collector.Url,
                ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Debug",
            },
            ["licence-applications"] = new Dictionary<string, string>
            {
                [type + "Name"] = "Renewable test licence (end-to-end suite only)",
                [type + "Fee"] = "120.00",
                [type + "ValidityMonths"] = $"{RenewableValidityMonths}",
                [type + "RenewalWindowDays"] = $"{RenewableWindowDays}",
                [type + "EligibleActivityCodes__0"] = RenewableActivity,

                // TracingTests reads the request line of an event's delivery, which is routine machine
                // traffic logged at Debug (RoutineRequestLog): an operator turns it on the same way.
                ["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Debug",
            },
        };
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WireMock.Server;

namespace LicenceApplications.Tests.Support;

/// <summary>
/// The service on a fresh PostgreSQL database per test class, real JWT validation against the
/// development issuer, WireMock as the company registry, a hand-moved clock, and the outbox
/// dispatcher off (tests read outbox_messages instead).
/// </summary>
public sealed class LicenceApplicationsApp() : ServiceApp<Program>("applications")
{
    public WireMockServer Registry { get; } = WireMockServer.Start();

    public ManualTimeProvider Clock { get; } = new();

    public SaveHook SaveHook { get; } = new();

    public CommandLog Commands { get; } = new();

    /// <summary>Development: appsettings.Development.json holds the credential signing key and the verification address.</summary>
    protected override string Environment => "Development";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Eventing:ConsumerName", "licence-applications"),
        new("Services:CompanyRegistry:BaseUrl", Registry.Url),
        // Tests run the expiry pass themselves after moving the clock.
        new("LicenceExpiry:Enabled", "false"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        services.ConfigureDbContext<LicenceApplications.Api.Data.LicenceApplicationsDbContext>(db => db.AddInterceptors(SaveHook, Commands));
    }

    public override async ValueTask DisposeAsync()
    {
        Registry.Stop();
        await base.DisposeAsync();
    }
}

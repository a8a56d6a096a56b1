using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompanyRegistry.Tests.Support;

/// <summary>
/// The registry host on a fresh database (one per test class), validating tokens from the shared
/// development issuer. The outbox dispatcher is off: tests read <c>outbox_messages</c> instead.
/// </summary>
public sealed class CompanyRegistryApp() : ServiceApp<Program>("registry")
{
    private static long _taxIdSeed = Random.Shared.NextInt64(100_000_000_000, 800_000_000_000);

    /// <summary>Lands a second licence event inside the first one's write (see <see cref="LicenceWriteHook"/>).</summary>
    public LicenceWriteHook LicenceWriteHook { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Eventing:ConsumerName", "company-registry")];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.ConfigureDbContext<CompanyRegistry.Api.Data.CompanyRegistryDbContext>(db => db.AddInterceptors(LicenceWriteHook));

    /// <summary>A tax id no other test has used in this process.</summary>
    public static string NewTaxId() => Interlocked.Increment(ref _taxIdSeed).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Security;

namespace Portal.Tests;

/// <summary>Replicas share the key ring an operator generated once: what one encrypts, another reads.</summary>
public sealed class DataProtectionTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("g2b-portal-keys-");

    [Fact]
    public void A_generated_key_lets_every_replica_read_what_another_protected_and_replicas_never_make_keys()
    {
        using (var operatorRun = Provider(generateKeys: true, lifetimeDays: 3650))
        {
            var key = DataProtectionSetup.GenerateKey(operatorRun);
            (key.ExpirationDate - key.ActivationDate).TotalDays.Should().BeApproximately(3650, 1);
        }

        _keys.GetFiles("key-*.xml").Should().ContainSingle();
        using var first = Provider(generateKeys: false);
        using var second = Provider(generateKeys: false);
        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("tokens of a person");

        second.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie).Should().Be("tokens of a person");
        _keys.GetFiles("key-*.xml").Should().ContainSingle("a replica with GenerateKeys=false adds no key of its own");
    }

    private ServiceProvider Provider(bool generateKeys, int? lifetimeDays = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:KeysDirectory"] = _keys.FullName,
            ["DataProtection:GenerateKeys"] = generateKeys.ToString(),
            ["DataProtection:KeyLifetimeDays"] = lifetimeDays?.ToString(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddPortalDataProtection(configuration);
        return services.BuildServiceProvider();
    }

    public void Dispose() => _keys.Delete(recursive: true);
}

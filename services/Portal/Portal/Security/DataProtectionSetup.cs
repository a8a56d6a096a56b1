using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Portal.Security;

/// <summary>
/// The auth cookie (with the person's tokens) and the antiforgery tokens are encrypted with the data-protection
/// key ring, which every replica must share or a person is signed out whenever another replica answers. In a
/// cluster the ring is a read-only Secret volume (<c>DataProtection:KeysDirectory</c>, <c>GenerateKeys=false</c>;
/// docs/deploy.md "Portal"); locally the framework's per-user folder is enough.
/// </summary>
internal static class DataProtectionSetup
{
    public static void AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("g2b-portal");
        var section = configuration.GetSection("DataProtection");
        if (section["KeysDirectory"] is { Length: > 0 } directory)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        if (!section.GetValue("GenerateKeys", true))
        {
            protection.DisableAutomaticKeyGeneration();
        }

        if (section.GetValue<int?>("KeyLifetimeDays") is { } days)
        {
            protection.SetDefaultKeyLifetime(TimeSpan.FromDays(days));
        }
    }

    /// <summary><c>dotnet Portal.dll --generate-key</c>: writes one new key into the configured directory and exits.</summary>
    public static bool GenerateKeyRequested(string[] args) => args.Contains("--generate-key");

    public static IKey GenerateKey(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var days = configuration.GetValue("DataProtection:KeyLifetimeDays", 90);
        var now = DateTimeOffset.UtcNow;
        return services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(days));
    }
}

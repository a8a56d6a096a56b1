using Deployment.Tests.Infrastructure;
using G2B.Testing;

namespace Deployment.Tests.Boot;

/// <summary>
/// Test values for every Secret docs/deploy.md tells an operator to create, the service's
/// connection string pointing at a fresh database on the test run's own PostgreSQL.
/// </summary>
public static class TestSecrets
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> CreateAsync(string service)
    {
        var database = await TestPostgres.CreateDatabaseAsync("boot_" + service.Replace('-', '_'));
        var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["g2b-dapr-api-token"] = Token(),
            ["g2b-dapr-app-token"] = Token(),
            ["fee-payments-bank-secrets"] = new Dictionary<string, string> { ["Banks__DEMOBANK__Secrets__0"] = "boot-test-bank-secret" },
            ["licence-applications-credential-keys"] = new Dictionary<string, string>
            {
                ["Credentials__SigningKeys__0__Kid"] = "boot-test-key",
                ["Credentials__SigningKeys__0__PrivateKeyPem"] = BootSigningKey(),
            },
            ["portal-oidc"] = new Dictionary<string, string> { ["client-secret"] = "boot-test-portal-secret" },
            ["g2b-redis"] = new Dictionary<string, string> { ["password"] = "boot-test" },
            ["g2b-kafka"] = new Dictionary<string, string> { ["username"] = "boot", ["password"] = "boot-test" },
        };
        foreach (var name in RepoPaths.Services)
        {
            // Only this service's database exists; another's would point nowhere useful.
            secrets[name + "-db"] = new Dictionary<string, string>
            {
                ["connection-string"] = name == service ? database : "Host=127.0.0.1;Port=1;Database=unused",
            };
        }
        return secrets;
    }

    private static string BootSigningKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static Dictionary<string, string> Token() =>
        new() { ["token"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) };
}

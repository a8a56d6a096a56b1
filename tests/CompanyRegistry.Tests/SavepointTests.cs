using Npgsql;

namespace CompanyRegistry.Tests;

/// <summary>
/// Issue 16: a save inside an explicit transaction sends no SAVEPOINT / RELEASE SAVEPOINT (two round trips each, while
/// the registration counter's row is locked); every service context inherits that from ServiceDbContext.
/// </summary>
public sealed class SavepointTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task A_registration_saves_in_its_transaction_without_a_savepoint()
    {
        using var statements = NpgsqlStatements.Of(new NpgsqlConnectionStringBuilder(app.ConnectionString).Database);

        await app.Business("savepoints").RegisterAsync("Savepoint Free Trading");

        statements.Texts.Should().Contain(s => s.Contains("INSERT INTO companies", StringComparison.Ordinal))
            .And.NotContain(s => s.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase));
    }
}

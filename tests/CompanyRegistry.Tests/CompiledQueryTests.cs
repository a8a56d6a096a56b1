using CompanyRegistry.Api.Companies;
using CompanyRegistry.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompanyRegistry.Tests;

/// <summary>
/// A company's lookup by number is a compiled EF query (issue 16); tracked or not, it must send the very statements
/// (the company, then its licences) its LINQ form sends, read from Npgsql's trace of the test's database.
/// </summary>
public sealed class CompiledQueryTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Finding_a_company_sends_the_statements_of_its_linq_form(bool tracking)
    {
        var number = (await app.Business($"cq-{tracking}").RegisterAsync($"Compiled Lookup {tracking} Trading")).RegistrationNumber;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompanyRegistryDbContext>();

        var (compiled, found) = await StatementsOfAsync(() => CompanyQueries.FindAsync(db, number.ToLowerInvariant(), tracking, CancellationToken.None));
        found!.RegistrationNumber.Should().Be(number);
        db.Entry(found).State.Should().Be(tracking ? EntityState.Unchanged : EntityState.Detached);
        db.ChangeTracker.Clear();
        var normalized = number; // a variable, as in the service: a constant would be inlined
        var (linq, _) = await StatementsOfAsync(() =>
        {
            var query = db.Companies.Include(c => c.Licences).AsSplitQuery();
            return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(c => c.RegistrationNumber == normalized);
        });

        compiled.Should().HaveCount(2).And.Equal(linq);
    }

    private async Task<(List<string> Statements, T Result)> StatementsOfAsync<T>(Func<Task<T>> query)
    {
        using var statements = NpgsqlStatements.Of(new NpgsqlConnectionStringBuilder(app.ConnectionString).Database);
        var result = await query();
        return (statements.Texts, result);
    }
}

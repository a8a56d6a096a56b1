using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests;

/// <summary>
/// The hot lookups are compiled EF queries (issue 16); each must send the very statement its LINQ form (what the
/// service ran before) sends, read from the commands the service's context executes.
/// </summary>
public sealed class CompiledQueryTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Loading_an_application_with_its_history_sends_the_statement_of_its_linq_form()
    {
        var company = await app.RegisterCompanyAsync("cq-a");
        var id = await app.Business("cq-a").SubmitIdAsync(company, "PHARMACY");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>();
        var commands = scope.ServiceProvider.GetRequiredService<ApplicationCommands>();

        var (compiled, loaded) = await SqlOfAsync(() => commands.LoadAsync(id, CancellationToken.None));
        var (linq, _) = await SqlOfAsync(() => db.Applications.Include(a => a.History).Include(a => a.InformationRequests)
            .AsSingleQuery().FirstOrDefaultAsync(a => a.Id == id));

        loaded!.Id.Should().Be(id);
        loaded.History.Should().NotBeEmpty();
        compiled.Should().Be(linq);
    }

    [Fact]
    public async Task Looking_up_a_stored_answer_sends_the_statement_of_its_linq_form()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LicenceApplicationsDbContext>();
        var creation = scope.ServiceProvider.GetRequiredService<IdempotentCreation>();
        string subject = "cq-b", key = "key-1"; // variables, as in the service: constants would be inlined
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);

        var (compiled, _) = await SqlOfAsync(() => creation.FindReplayAsync(subject, key, "hash", CancellationToken.None));
        var (linq, _) = await SqlOfAsync(() => db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.OwnerSubject == subject && r.Key == key && r.CreatedAt > notBefore));

        compiled.Should().Be(linq);
    }

    private async Task<(string Sql, T Result)> SqlOfAsync<T>(Func<Task<T>> query)
    {
        app.Commands.Clear();
        var result = await query();
        return (app.Commands.Texts.Should().ContainSingle().Subject, result);
    }
}

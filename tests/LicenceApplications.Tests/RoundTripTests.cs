using FeePayments.Contracts;
using Npgsql;

namespace LicenceApplications.Tests;

/// <summary>Issue 16: what one request costs in statements.</summary>
public sealed class RoundTripTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Reading_an_application_with_its_history_and_questions_takes_one_statement()
    {
        var company = await app.RegisterCompanyAsync("rt-a");
        var owner = app.Business("rt-a");
        var id = await owner.SubmitIdAsync(company, "PHARMACY");
        await app.PayAsync(id);
        (await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/information-requests", new { message = "Which pharmacist?" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        app.Commands.Clear();
        var body = await owner.GetJsonAsync($"/api/applications/{id}");

        var history = body.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        history.Should().Equal("AwaitingPayment", "UnderReview", "InformationRequested");
        body.GetProperty("informationRequests").EnumerateArray().Select(r => r.GetProperty("message").GetString())
            .Should().Equal("Which pharmacist?");
        app.Commands.Texts.Where(t => t.Contains("application_history", StringComparison.Ordinal)
                || t.Contains("information_requests", StringComparison.Ordinal))
            .Should().ContainSingle("the application, its history and its information requests come in one statement");
    }

    /// <summary>
    /// An issue on a confirmed payment (inside the inbox's transaction) from its licence number on: the counter's
    /// row stays locked from the draw to the commit, so the draw is followed only by the save's one batch, with
    /// no read in between and no SAVEPOINT / RELEASE around the save. Read from Npgsql's own trace of each command.
    /// </summary>
    [Fact]
    public async Task An_issue_draws_its_licence_number_last_and_saves_it_without_a_savepoint()
    {
        var company = await app.RegisterCompanyAsync("rt-b");
        var id = await app.Business("rt-b").SubmitIdAsync(company, "RETAIL-TRADE");
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        List<string> traced;
        using (var statements = NpgsqlStatements.Of(database))
        {
            (await app.DeliverAsync(new InvoicePaidIntegrationEvent(
                id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", "TX-RT-B", DateTimeOffset.UtcNow))).StatusCode.Should().Be(HttpStatusCode.OK);
            traced = statements.Texts;
        }

        var draw = traced.FindIndex(s => s.Contains("licence_number_counters", StringComparison.Ordinal));
        draw.Should().BeGreaterThan(0, "the issue's number draw was traced");
        traced.Should().NotContain(s => s.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase));
        // The save: one batch, the outbox row numbered by its INSERT (no numbering query of its own).
        traced.Skip(draw + 1).Should().SatisfyRespectively(
            batch => batch.Should().Contain("INSERT INTO licences").And.Contain("UPDATE applications").And.Contain("outbox_messages"));
        (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("status").GetString().Should().Be("Issued");
    }
}

using CompanyRegistry.Contracts;
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
    /// <summary>
    /// A payment's delivery reads what it is decided on in one statement after its inbox row: the application with its
    /// history and questions, its licence type, and the company's activity codes (which the issued licence's eligibility
    /// flag follows). Three statements before, each a round trip inside the inbox's transaction.
    /// </summary>
    [Fact]
    public async Task A_payment_reads_its_application_licence_type_and_company_activities_in_one_statement()
    {
        var company = await app.RegisterCompanyAsync("rt-d");
        var id = await app.Business("rt-d").SubmitIdAsync(company, "RETAIL-TRADE");
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        List<string> traced;
        using (var statements = NpgsqlStatements.Of(database))
        {
            (await app.DeliverAsync(new InvoicePaidIntegrationEvent(
                id, Scenario.ReferenceFor(id), 500.00m, "TMT", "DEMOBANK", "TX-RT-D", DateTimeOffset.UtcNow))).StatusCode.Should().Be(HttpStatusCode.OK);
            traced = statements.Texts;
        }

        var inbox = traced.FindIndex(s => s.Contains("inbox_messages", StringComparison.Ordinal));
        var draw = traced.FindIndex(s => s.Contains("licence_number_counters", StringComparison.Ordinal));
        inbox.Should().BeGreaterThanOrEqualTo(0, "the delivery's inbox row was traced");
        draw.Should().BeGreaterThan(inbox, "the issue's number draw was traced after it");
        traced.Skip(inbox + 1).Take(draw - inbox - 1).Should().SatisfyRespectively(
            read => read.Should().Contain("FROM applications").And.Contain("application_history").And.Contain("information_requests")
                .And.Contain("licence_types").And.Contain("companies"));
        var licence = (await app.Regulator().GetJsonAsync($"/api/applications/{id}")).GetProperty("licenceNumber").GetString();
        licence.Should().NotBeNullOrEmpty("the payment issued the licence");
    }

    /// <summary>
    /// A company-registered delivery is one statement: the view's upsert carries the delivery's inbox row
    /// (IInboxClaimingHandler). Its redeliveries, one after another and racing, write nothing.
    /// </summary>
    [Fact]
    public async Task A_company_registration_writes_the_view_and_its_inbox_row_in_one_statement()
    {
        var number = Scenario.NewRegistrationNumber();
        var evt = new CompanyRegisteredIntegrationEvent(number, $"Company {number} LLC", "LLC", "rt-c", ["47.11"], "Active", DateTimeOffset.UtcNow);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        List<string> traced;
        using (var statements = NpgsqlStatements.Of(database))
        {
            await app.DeliverAsync(evt);
            traced = statements.Texts;
        }

        traced.Where(t => t.Contains("inbox_messages", StringComparison.Ordinal)).Should()
            .ContainSingle("the inbox writes no row of its own").Which.Should().Contain("INSERT INTO companies");

        // A later amendment the redeliveries must not undo (their version, the registration's, is older).
        await app.DeliverAsync(new CompanyAmendedIntegrationEvent(
            number, "Renamed LLC", ["47.11", "56.10"], ["legalName", "activityCodes"], null, null, "rt-c", 3, DateTimeOffset.UtcNow));
        await app.DeliverAsync(evt);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.DeliverAsync(evt)));

        (await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE event_id = $1", evt.Id)).Should().Be(1);
        (await app.ScalarAsync("SELECT count(*) FROM companies WHERE registration_number = $1 AND legal_name = 'Renamed LLC' AND owner_subject = 'rt-c'", number))
            .Should().Be(1);
    }
}

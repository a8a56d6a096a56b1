using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Domain;
using Notifications.Api.Email;

namespace Notifications.Tests;

/// <summary>Issue 16: what a mail and a licence's facts cost in statements, read from Npgsql's own trace of each command.</summary>
public sealed class RoundTripTests(QuietEmailFixture fixture) : IClassFixture<QuietEmailFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task Sending_a_mail_claims_and_reads_it_in_one_statement_then_records_it_in_one()
    {
        var sender = ActivatorUtilities.CreateInstance<EmailSender>(fixture.App.Services);
        while (await sender.SendNextAsync(CancellationToken.None))
        {
            // Other tests' mails first: the one traced below is then this test's.
        }

        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-rt", address, "en"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-RT-1", new DateOnly(2031, 3, 31)));

        var statements = await NpgsqlStatements.OfAsync(() => sender.SendNextAsync(CancellationToken.None));

        fixture.Smtp.To(address).Should().ContainSingle();
        statements.Should().SatisfyRespectively(
            claim => claim.Should().Contain("UPDATE email_messages SET locked_until").And.Contain("RETURNING *"),
            record => record.Should().StartWith("UPDATE email_messages").And.Contain("status"));
    }

    [Fact]
    public async Task Mails_sent_one_after_another_share_one_SMTP_connection()
    {
        var sender = ActivatorUtilities.CreateInstance<EmailSender>(fixture.App.Services);
        while (await sender.SendNextAsync(CancellationToken.None))
        {
        }

        var addresses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
            addresses.Add(address);
            await Scenario.DeliverAsync(Mails.Registered(company, "biz-conn", address, "en"));
            await Scenario.DeliverAsync(Mails.LicenceIssued(company, $"LIC-CONN-{i}", new DateOnly(2031, 4, 30)));
        }

        (await sender.SendNextAsync(CancellationToken.None)).Should().BeTrue();
        var afterTheFirst = fixture.Smtp.Connections;
        while (await sender.SendNextAsync(CancellationToken.None))
        {
        }

        addresses.Should().AllSatisfy(a => fixture.Smtp.To(a).Should().ContainSingle());
        fixture.Smtp.Connections.Should().Be(afterTheFirst, "the first mail's connection carries the two after it");
        await sender.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_kept_connection_the_server_closed_is_replaced_and_the_mail_goes_at_its_first_attempt()
    {
        var sender = ActivatorUtilities.CreateInstance<EmailSender>(fixture.App.Services);
        var (first, firstCompany) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(firstCompany, "biz-drop", first, "en"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(firstCompany, "LIC-DROP-1", new DateOnly(2031, 5, 31)));
        while (await sender.SendNextAsync(CancellationToken.None))
        {
        }

        fixture.Smtp.To(first).Should().ContainSingle();
        fixture.Smtp.DropConnections(); // the server's idle timeout, between two mails
        var (second, secondCompany) = (Mails.NewAddress(), Mails.NewRegistration());
        await Scenario.DeliverAsync(Mails.Registered(secondCompany, "biz-drop", second, "en"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(secondCompany, "LIC-DROP-2", new DateOnly(2031, 5, 31)));

        (await sender.SendNextAsync(CancellationToken.None)).Should().BeTrue();

        fixture.Smtp.To(second).Should().ContainSingle();
        var row = await Scenario.QueryAsync(db => db.EmailMessages.SingleAsync(m => m.RegistrationNumber == secondCompany));
        row.Status.Should().Be(EmailStatus.Sent);
        row.Attempts.Should().Be(1);
        await sender.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_licence_event_records_the_licence_and_drops_stale_reminders_in_one_statement()
    {
        var company = Mails.NewRegistration();
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-rt2", Mails.NewAddress(), "en"));

        // What the licence handlers call, in this test's own trace: other tests' apps in this process record licences
        // meanwhile, and a delivery's statements do not carry the test's trace (the handler continues the event's).
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var facts = scope.ServiceProvider.GetRequiredService<EmailFacts>();
        var statements = await NpgsqlStatements.OfAsync(() =>
            facts.RecordLicenceAsync("LIC-RT-2", company, "RETAIL-TRADE", "Active", new DateOnly(2031, 4, 30), 1, CancellationToken.None));

        statements.Where(s => s.Contains("INSERT INTO licences", StringComparison.Ordinal)
                || s.Contains("Not sent: the licence no longer ends on that date", StringComparison.Ordinal))
            .Should().ContainSingle("the upsert and the dropping of the old date's reminders go in one round trip")
            .Which.Should().Contain("INSERT INTO licences").And.Contain("UPDATE email_messages");
    }
}

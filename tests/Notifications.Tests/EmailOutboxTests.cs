using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Email;

namespace Notifications.Tests;

/// <summary>The email outbox with senders the test drives: concurrency and expiry reminders.</summary>
public sealed class EmailOutboxTests(QuietEmailFixture fixture) : IClassFixture<QuietEmailFixture>
{
    private Scenario Scenario => fixture.Scenario;

    private async Task DrainWithSendersAsync(int senders)
    {
        // As many replicas' senders at once, each claiming until nothing is left.
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            var sender = ActivatorUtilities.CreateInstance<EmailSender>(fixture.App.Services);
            while (await sender.SendNextAsync(CancellationToken.None))
            {
            }
        })));
    }

    [Fact]
    public async Task Four_concurrent_senders_send_each_queued_mail_exactly_once()
    {
        var addresses = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
            addresses.Add(address);
            await Scenario.DeliverAsync(Mails.Registered(company, "biz-conc", address, "en"));
            await Scenario.DeliverAsync(Mails.LicenceIssued(company, $"LIC-C-{i}", new DateOnly(2031, 1, 31)));
        }

        await DrainWithSendersAsync(4);

        foreach (var address in addresses)
        {
            fixture.Smtp.To(address).Should().ContainSingle();
        }

        fixture.Smtp.DataSeen.Should().OnlyHaveUniqueItems("no mail was even attempted twice");
    }

    [Fact]
    public async Task Expiry_reminders_go_out_30_and_7_days_before_validUntil_once_each()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-exp", address, "ru"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-E-20", today.AddDays(20)));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-E-5", today.AddDays(5)));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-E-60", today.AddDays(60)));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-E-REV", today.AddDays(3)));
        await Scenario.DeliverAsync(Mails.LicenceStatus(company, "LIC-E-REV", "Active", "Revoked", "fraud", 2));

        // Two rounds at once and one after: the reminders are queued once.
        await Task.WhenAll(RunRemindersAsync(), RunRemindersAsync());
        await RunRemindersAsync();
        await DrainWithSendersAsync(2);

        var reminders = fixture.Smtp.To(address).Where(m => (m.Message.Subject ?? "").StartsWith("Срок действия", StringComparison.Ordinal)).ToList();
        reminders.Select(m => m.Message.Subject).Should().BeEquivalentTo([
            $"Срок действия лицензии LIC-E-20 истекает {today.AddDays(20):yyyy-MM-dd}",
            $"Срок действия лицензии LIC-E-5 истекает {today.AddDays(5):yyyy-MM-dd}"]);
        reminders.Single(m => (m.Message.Subject ?? "").Contains("LIC-E-5", StringComparison.Ordinal)).Text().Should().Contain("Осталось дней: 5.");
        var kinds = await Scenario.QueryAsync(db => db.EmailMessages.Where(m => m.RegistrationNumber == company && m.Kind.StartsWith("licence-expiry"))
            .Select(m => m.Kind + ":" + m.SourceKey).ToListAsync());
        kinds.Should().BeEquivalentTo([
            $"licence-expiry-30:reminder:LIC-E-20:{today.AddDays(20):yyyy-MM-dd}:30",
            $"licence-expiry-7:reminder:LIC-E-5:{today.AddDays(5):yyyy-MM-dd}:7"]);

        // Later, inside 7 days, the 20-day licence earns its 7-day reminder too (a fresh key, not a repeat).
        await Scenario.QueryAsync(db => db.Licences.Where(l => l.LicenceNumber == "LIC-E-20")
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ValidUntil, today.AddDays(6))));
        await RunRemindersAsync();
        await RunRemindersAsync();
        (await Scenario.QueryAsync(db => db.EmailMessages.CountAsync(m => m.RegistrationNumber == company && m.Kind == "licence-expiry-7")))
            .Should().Be(2);
    }

    private async Task RunRemindersAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpiryReminders>().RunAsync(CancellationToken.None);
    }
}

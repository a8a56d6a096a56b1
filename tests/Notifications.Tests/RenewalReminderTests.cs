using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Domain;
using Notifications.Api.Email;

namespace Notifications.Tests;

/// <summary>After licence-renewed the 30- and 7-day reminders follow the new validUntil, and nothing is said about the old one.</summary>
public sealed class RenewalReminderTests(QuietEmailFixture fixture) : IClassFixture<QuietEmailFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task Reminders_follow_the_renewed_validUntil_and_an_unsent_one_for_the_old_date_is_dropped()
    {
        var (address, company, licence) = (Mails.NewAddress(), Mails.NewRegistration(), "LIC-RNW-" + Guid.NewGuid().ToString("N")[..6]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (oldEnd, newEnd) = (today.AddDays(20), today.AddDays(20 + 365));
        await Scenario.DeliverAsync(Mails.Registered(company, "biz-renew", address, "en"));
        await Scenario.DeliverAsync(Mails.LicenceIssued(company, licence, oldEnd));
        await RemindAsync(today);
        (await RemindersAsync(company)).Should().Equal($"Pending reminder:{licence}:{oldEnd:yyyy-MM-dd}:30");

        var renewed = Mails.LicenceRenewed(company, licence, oldEnd, newEnd, 3);
        await Scenario.DeliverAsync(renewed);
        await Scenario.DeliverAsync(renewed);
        // An earlier change of the licence, arriving after the renewal, moves nothing back.
        await Scenario.DeliverAsync(Mails.LicenceStatus(company, licence, "Suspended", "Active", null, 2) with { ValidUntil = oldEnd });

        (await RemindersAsync(company)).Should().Equal($"Failed reminder:{licence}:{oldEnd:yyyy-MM-dd}:30");
        await RemindAsync(today);
        await RemindAsync(newEnd.AddDays(-31));
        (await RemindersAsync(company)).Should().HaveCount(1, "the new end date is more than 30 days away until then");

        await RemindAsync(newEnd.AddDays(-30));
        await RemindAsync(newEnd.AddDays(-29));
        await RemindAsync(newEnd.AddDays(-7));
        (await RemindersAsync(company)).Should().Equal(
            $"Failed reminder:{licence}:{oldEnd:yyyy-MM-dd}:30",
            $"Pending reminder:{licence}:{newEnd:yyyy-MM-dd}:30",
            $"Pending reminder:{licence}:{newEnd:yyyy-MM-dd}:7");

        var queued = await Scenario.QueryAsync(db => db.EmailMessages
            .Where(m => m.RegistrationNumber == company && m.Status == EmailStatus.Pending && m.Kind.StartsWith("licence-expiry"))
            .OrderBy(m => m.CreatedAt).ToListAsync());
        queued.Select(m => m.Subject).Should().AllBe($"Licence {licence} expires on {newEnd:yyyy-MM-dd}");
        queued.Select(m => m.TextBody).Should().SatisfyRespectively(
            thirty => thirty.Should().Contain("Days remaining: 30."),
            seven => seven.Should().Contain("Days remaining: 7."));

        var sender = ActivatorUtilities.CreateInstance<EmailSender>(fixture.App.Services);
        while (await sender.SendNextAsync(CancellationToken.None))
        {
        }

        fixture.Smtp.To(address).Select(m => m.Message.Subject).Should().BeEquivalentTo(
            [$"Licence {licence} has been issued", $"Licence {licence} expires on {newEnd:yyyy-MM-dd}", $"Licence {licence} expires on {newEnd:yyyy-MM-dd}"],
            "the reminder for the old end date never went out");
    }

    /// <summary>A round of the reminder job as it would run on <paramref name="day"/>.</summary>
    private async Task RemindAsync(DateOnly day)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await ActivatorUtilities.CreateInstance<ExpiryReminders>(scope.ServiceProvider, clock).RunAsync(CancellationToken.None);
    }

    private async Task<List<string>> RemindersAsync(string company)
    {
        var rows = await Scenario.QueryAsync(db => db.EmailMessages
            .Where(m => m.RegistrationNumber == company && m.Kind.StartsWith("licence-expiry"))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.SourceKey).ToListAsync());
        return rows.Select(m => $"{m.Status} {m.SourceKey}").ToList();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

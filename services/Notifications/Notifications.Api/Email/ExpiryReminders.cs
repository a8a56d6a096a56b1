using System.Globalization;
using Microsoft.Extensions.Options;

namespace Notifications.Api.Email;

/// <summary>
/// Queues the 30- and 7-day expiry reminders. Each reminder's source key names the licence, its
/// validUntil and the threshold, so running again (or on two replicas at once) queues nothing new,
/// and a renewal (a new validUntil) earns fresh reminders. A licence already inside the 7-day
/// window when first seen gets only the 7-day one.
/// </summary>
internal sealed class ExpiryReminders(NotificationsDbContext db, EmailQueue queue, IOptionsMonitor<EmailOptions> options, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var thresholds = options.CurrentValue.ReminderDays.Where(d => d > 0).Distinct().Order().ToArray();
        if (thresholds.Length == 0)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(thresholds[^1]);
        var licences = await db.Licences.AsNoTracking()
            .Where(l => l.Status == "Active" && l.ValidUntil > today && l.ValidUntil <= horizon)
            .OrderBy(l => l.ValidUntil).ToListAsync(ct);

        foreach (var licence in licences)
        {
            var daysLeft = licence.ValidUntil.DayNumber - today.DayNumber;
            var threshold = thresholds.First(d => daysLeft <= d); // the nearest one reached
            var values = new Dictionary<string, string>
            {
                ["registrationNumber"] = licence.RegistrationNumber,
                ["licenceNumber"] = licence.LicenceNumber,
                ["licenceType"] = licence.LicenceType,
                ["validUntil"] = licence.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["days"] = daysLeft.ToString(CultureInfo.InvariantCulture),
            };
            await queue.ToCompanyAsync(
                $"{SourcePrefix(licence.LicenceNumber)}{values["validUntil"]}:{threshold}", $"licence-expiry-{threshold}", "licence-expiring",
                licence.RegistrationNumber, values, ct);
        }

        return licences.Count;
    }

    /// <summary>Every reminder of a licence has a source key starting so: then its validUntil and threshold.</summary>
    public static string SourcePrefix(string licenceNumber) => $"reminder:{licenceNumber}:";
}

/// <summary>Runs <see cref="ExpiryReminders"/> every <see cref="EmailOptions.ReminderInterval"/>.</summary>
internal sealed class ExpiryReminderJob(
    IServiceScopeFactory scopes, IOptionsMonitor<EmailOptions> options, TimeProvider time, ILogger<ExpiryReminderJob> logger)
    : ScopedPeriodicJob<ExpiryReminders>(scopes, time, logger)
{
    protected override TimeSpan Interval => options.CurrentValue.ReminderInterval;

    protected override Task RunPassAsync(ExpiryReminders reminders, CancellationToken ct) => reminders.RunAsync(ct);
}

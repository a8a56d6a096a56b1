using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Licences;

/// <summary>
/// What an application that just became Issued grants: a licence with a fresh number, or for a renewal
/// the renewed licence's new end date; announced in the same save.
/// </summary>
public sealed class LicenceIssuer(LicenceApplicationsDbContext db, LicenceEligibility eligibility)
{
    public async Task GrantAsync(LicenceApplication application, LicenceType type, DateTimeOffset now, CancellationToken ct)
    {
        if (application.RenewalOf is null)
        {
            // An amendment may have arrived between submission and issue. Read before the number is drawn: from
            // the draw to the commit the counter's row is locked, so only the caller's save may follow it.
            await IssueAsync(application, type, await eligibility.PrepareReviewAsync(application.RegistrationNumber, type, ct), now, ct);
        }
        else
        {
            await RenewAsync(application, type, now, ct);
        }
    }

    /// <summary>
    /// As <see cref="GrantAsync(LicenceApplication, LicenceType, DateTimeOffset, CancellationToken)"/>, with the
    /// company's activity codes already read in the caller's transaction (null while the view holds no details).
    /// </summary>
    public Task GrantAsync(LicenceApplication application, LicenceType type, List<string>? activityCodes, DateTimeOffset now, CancellationToken ct) =>
        application.RenewalOf is null
            ? IssueAsync(application, type, LicenceEligibility.Review(type, activityCodes), now, ct)
            : RenewAsync(application, type, now, ct);

    private async Task IssueAsync(LicenceApplication application, LicenceType type, Action<Licence> review, DateTimeOffset now, CancellationToken ct)
    {
        var number = await NextNumberAsync(type.Code, now.UtcDateTime.Year, ct);
        var licence = Licence.Issue(number, application, type, now);
        application.AttachLicence(number);
        db.Licences.Add(licence);
        review(licence);
        db.AddIntegrationEvent(
            new LicenceIssuedIntegrationEvent(
                licence.LicenceNumber, application.Id, licence.RegistrationNumber, licence.LicenceType, licence.Status.ToString(),
                licence.IssuedAt, licence.ValidFrom, licence.ValidUntil, licence.Version) { OccurredAt = now },
            orderingKey: licence.LicenceNumber);
    }

    private async Task RenewAsync(LicenceApplication application, LicenceType type, DateTimeOffset now, CancellationToken ct)
    {
        var licence = await db.Licences.SingleAsync(l => l.LicenceNumber == application.RenewalOf, ct);
        var (previousStatus, previousValidUntil) = licence.Renew(type, application.Id, now);
        application.AttachLicence(licence.LicenceNumber);
        db.AddIntegrationEvent(
            new LicenceRenewedIntegrationEvent(
                licence.LicenceNumber, application.Id, licence.RegistrationNumber, licence.LicenceType, licence.Status.ToString(),
                previousValidUntil, licence.ValidUntil, licence.Version, now) { OccurredAt = now },
            orderingKey: licence.LicenceNumber);
        if (previousStatus != licence.Status)
        {
            db.AddStatusChanged(licence, previousStatus, licence.StatusReason, now);
        }
    }

    /// <summary>
    /// PHARMACY-2026-000042: type, year, then a per-type-and-year counter. The upsert takes a row
    /// lock, so concurrent issues of one type queue up instead of drawing the same number; the
    /// primary key on licence_number is the backstop. Inside a transaction (the inbox's) the lock is
    /// held until commit and a rollback gives the number back: so this is the last statement before
    /// the caller's save, which is the last before the commit.
    /// </summary>
    private async Task<string> NextNumberAsync(string licenceType, int year, CancellationToken ct)
    {
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO licence_number_counters (licence_type, year, last_value) VALUES ({licenceType}, {year}, 1)
            ON CONFLICT (licence_type, year) DO UPDATE SET last_value = licence_number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return $"{licenceType}-{year}-{values.Single():D6}";
    }
}

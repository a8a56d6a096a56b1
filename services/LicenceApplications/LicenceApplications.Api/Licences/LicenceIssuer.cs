using G2B.Eventing;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Licences;

/// <summary>Turns an application that just became Issued into a licence with a fresh number, and announces it.</summary>
public sealed class LicenceIssuer(LicenceApplicationsDbContext db)
{
    public async Task<Licence> IssueAsync(LicenceApplication application, LicenceType type, DateTimeOffset now, CancellationToken ct)
    {
        var number = await NextNumberAsync(type.Code, now.UtcDateTime.Year, ct);
        var licence = Licence.Issue(number, application, type, now);
        application.AttachLicence(number);
        db.Licences.Add(licence);
        db.AddIntegrationEvent(
            new LicenceIssuedIntegrationEvent(
                licence.LicenceNumber, application.Id, licence.RegistrationNumber, licence.LicenceType, licence.Status.ToString(),
                licence.IssuedAt, licence.ValidFrom, licence.ValidUntil, licence.Version) { OccurredAt = now },
            orderingKey: licence.LicenceNumber);
        return licence;
    }

    /// <summary>
    /// PHARMACY-2026-000042: type, year, then a per-type-and-year counter. The upsert takes a row
    /// lock, so concurrent issues of one type queue up instead of drawing the same number; the
    /// primary key on licence_number is the backstop.
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

using LicenceApplications.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Companies;

/// <summary>
/// Writes this service's view of registry companies. Three paths write the same row (the
/// company-registered event, status-change events and the on-demand registry lookup), in any order
/// and at the same moment, so every write is one upsert decided by the registry's version: a newer
/// version wins, an older or equal one changes nothing, and no path can fail on the primary key.
/// Registration facts (name, owner, activities) never change once recorded, so they fill an empty row
/// whatever its version; the status only moves forward by version, and only status events (which also
/// make the company's licences follow) move it: a lookup writes version 0, which never wins.
/// </summary>
public sealed class CompanyViewStore(LicenceApplicationsDbContext db, TimeProvider time)
{
    /// <summary>The registry's version of a company at registration (its first state).</summary>
    public const long RegistrationVersion = 1;

    /// <summary>Records the company's registration facts and, if newer, its status.</summary>
    public Task UpsertAsync(
        string registrationNumber, string legalName, string ownerSubject, IReadOnlyList<string> activityCodes,
        string status, long version, CancellationToken ct)
    {
        var codes = activityCodes.ToList();
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO companies (registration_number, legal_name, owner_subject, activity_codes, status, version, updated_at)
            VALUES ({registrationNumber}, {legalName}, {ownerSubject}, {codes}, {status}, {version}, {now})
            ON CONFLICT (registration_number) DO UPDATE SET
                legal_name = excluded.legal_name,
                owner_subject = excluded.owner_subject,
                activity_codes = excluded.activity_codes,
                status = CASE WHEN companies.version < excluded.version THEN excluded.status ELSE companies.status END,
                version = GREATEST(companies.version, excluded.version),
                updated_at = excluded.updated_at
            WHERE companies.owner_subject IS NULL OR companies.version < excluded.version
            """, ct);
    }

    /// <summary>
    /// Records a status if it is newer than the one held (creating a row without registration facts
    /// when the registration has not arrived yet). True when it was applied.
    /// </summary>
    public async Task<bool> UpsertStatusAsync(string registrationNumber, string status, long version, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO companies (registration_number, activity_codes, status, version, updated_at)
            VALUES ({registrationNumber}, {Array.Empty<string>()}, {status}, {version}, {now})
            ON CONFLICT (registration_number) DO UPDATE SET
                status = excluded.status, version = excluded.version, updated_at = excluded.updated_at
            WHERE companies.version < excluded.version
            """, ct);
        return applied > 0;
    }
}

using Npgsql;
using NpgsqlTypes;

namespace LicenceApplications.Api.Companies;

/// <summary>
/// Writes this service's view of registry companies. Four paths write the same row (the
/// company-registered and company-amended events, status-change events and the on-demand registry
/// lookup), in any order and at the same moment, so every write is one upsert decided by the
/// registry's version: a newer version wins, an older or equal one changes nothing, and no path can
/// fail on the primary key. The status and the details (name, activity codes) carry their own
/// versions, because the registry counts both kinds of change on one counter: an amendment at v5 must
/// not hide a status change at v4 that arrives after it. The owner never changes once recorded. Only
/// status events (which also make the company's licences follow) move the status: a lookup writes
/// status version 0, which never wins.
/// </summary>
public sealed class CompanyViewStore(LicenceApplicationsDbContext db, TimeProvider time)
{
    /// <summary>The registry's version of a company at registration (its first state).</summary>
    public const long RegistrationVersion = 1;

    /// <summary>Records the company's owner, its details if newer, and its status if newer.</summary>
    public Task UpsertAsync(
        string registrationNumber, string legalName, string ownerSubject, IReadOnlyList<string> activityCodes,
        string status, long version, long detailsVersion, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(UpsertSql(condition: ""),
            UpsertParameters(registrationNumber, legalName, ownerSubject, activityCodes, status, version, detailsVersion), ct);

    /// <summary>
    /// <see cref="UpsertAsync"/> for a company-registered delivery, in one statement with the delivery's inbox row
    /// (<see cref="InboxClaim"/>): false when the event was handled before, and nothing was written.
    /// </summary>
    public async Task<bool> UpsertClaimingAsync(
        InboxClaim claim, string registrationNumber, string legalName, string ownerSubject, IReadOnlyList<string> activityCodes,
        string status, long version, long detailsVersion, CancellationToken ct) =>
        await claim.ExecuteAsync(UpsertSql(condition: "WHERE EXISTS (SELECT FROM claim)") + " RETURNING 1",
            UpsertParameters(registrationNumber, legalName, ownerSubject, activityCodes, status, version, detailsVersion), ct) is not null;

    private static string UpsertSql(string condition) => $"""
        INSERT INTO companies (registration_number, legal_name, owner_subject, activity_codes, status, version, details_version, updated_at)
        SELECT @registration_number, @legal_name, @owner_subject, @activity_codes, @status, @version, @details_version, @updated_at
        {condition}
        ON CONFLICT (registration_number) DO UPDATE SET
            legal_name = CASE WHEN companies.details_version < excluded.details_version THEN excluded.legal_name ELSE companies.legal_name END,
            activity_codes = CASE WHEN companies.details_version < excluded.details_version THEN excluded.activity_codes ELSE companies.activity_codes END,
            details_version = GREATEST(companies.details_version, excluded.details_version),
            owner_subject = COALESCE(companies.owner_subject, excluded.owner_subject),
            status = CASE WHEN companies.version < excluded.version THEN excluded.status ELSE companies.status END,
            version = GREATEST(companies.version, excluded.version),
            updated_at = excluded.updated_at
        WHERE companies.owner_subject IS NULL OR companies.version < excluded.version
            OR companies.details_version < excluded.details_version
        """;

    private NpgsqlParameter[] UpsertParameters(
        string registrationNumber, string legalName, string ownerSubject, IReadOnlyList<string> activityCodes,
        string status, long version, long detailsVersion) =>
    [
        new("registration_number", registrationNumber),
        new("legal_name", legalName),
        new("owner_subject", ownerSubject),
        new("activity_codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = activityCodes.ToArray() },
        new("status", status),
        new("version", version),
        new("details_version", detailsVersion),
        new("updated_at", time.GetUtcNow()),
    ];

    /// <summary>Records an amendment's name and activity codes if newer than the details held. True when applied.</summary>
    public async Task<bool> UpsertDetailsAsync(
        string registrationNumber, string legalName, IReadOnlyList<string> activityCodes, long version, CancellationToken ct)
    {
        var codes = activityCodes.ToList();
        var now = time.GetUtcNow();
        var applied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO companies (registration_number, legal_name, activity_codes, status, version, details_version, updated_at)
            VALUES ({registrationNumber}, {legalName}, {codes}, {Domain.Company.Active}, 0, {version}, {now})
            ON CONFLICT (registration_number) DO UPDATE SET
                legal_name = excluded.legal_name, activity_codes = excluded.activity_codes,
                details_version = excluded.details_version, updated_at = excluded.updated_at
            WHERE companies.details_version < excluded.details_version
            """, ct);
        return applied > 0;
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

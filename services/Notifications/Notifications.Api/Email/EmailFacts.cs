using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Notifications.Api.Data;

namespace Notifications.Api.Email;

/// <summary>What mails need to know beyond the feed: a company's address and language, and its licences' end dates.</summary>
internal sealed class EmailFacts(NotificationsDbContext db)
{
    /// <summary>Latest wins: company-amended (when it exists) upserts through here too.</summary>
    public Task RecordContactAsync(string registrationNumber, string? contactEmail, string? language, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO company_contacts (registration_number, contact_email, preferred_language) VALUES ({0}, {1}, {2})
            ON CONFLICT (registration_number) DO UPDATE SET contact_email = excluded.contact_email, preferred_language = excluded.preferred_language
            """,
            [registrationNumber, Nullable(contactEmail?.Trim()), EmailTemplates.LanguageOrDefault(language)], ct);

    private static NpgsqlParameter Nullable(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Varchar, Value = string.IsNullOrEmpty(value) ? DBNull.Value : value };

    /// <summary>Upsert by version: an older licence event arriving late changes nothing.</summary>
    public Task RecordLicenceAsync(
        string licenceNumber, string registrationNumber, string licenceType, string status, DateOnly validUntil, long version, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO licences (licence_number, registration_number, licence_type, status, valid_until, version)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5})
            ON CONFLICT (licence_number) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until,
                licence_type = excluded.licence_type, version = excluded.version
            WHERE licences.version < excluded.version
            """,
            [licenceNumber, registrationNumber, licenceType, status, validUntil, version], ct);
}

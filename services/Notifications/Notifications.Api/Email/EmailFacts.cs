using Npgsql;
using NpgsqlTypes;

namespace Notifications.Api.Email;

/// <summary>What mails need to know beyond the feed: a company's address and language, and its licences' end dates.</summary>
internal sealed class EmailFacts(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>
    /// Newest version wins, whatever the order of arrival: company-registered is version 0, each
    /// company-amended carries the company's version after it. A null address means the company has none now.
    /// </summary>
    public Task RecordContactAsync(
        string registrationNumber, string? contactEmail, string? language, string legalName, long version, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO company_contacts (registration_number, contact_email, preferred_language, legal_name, version)
            VALUES ({0}, {1}, {2}, {3}, {4})
            ON CONFLICT (registration_number) DO UPDATE SET contact_email = excluded.contact_email,
                preferred_language = excluded.preferred_language, legal_name = excluded.legal_name, version = excluded.version
            WHERE company_contacts.version < excluded.version
            """,
            [registrationNumber, Nullable(contactEmail?.Trim()), EmailTemplates.LanguageOrDefault(language), legalName, version], ct);

    private static NpgsqlParameter Nullable(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Varchar, Value = string.IsNullOrEmpty(value) ? DBNull.Value : value };

    /// <summary>
    /// Upsert by version: an older licence event arriving late changes nothing. A reminder still waiting
    /// to go out for an end date the licence no longer has (it was renewed) is dropped; the reminder job
    /// queues those of the new date when they are due.
    /// </summary>
    public Task RecordLicenceAsync(
        string licenceNumber, string registrationNumber, string licenceType, string status, DateOnly validUntil, long version, CancellationToken ct) =>
        // One round trip: the upsert, then (seeing it) the reminders left behind by a renewal dropped.
        // Leased rows are being sent right now: the sender finishes them.
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO licences (licence_number, registration_number, licence_type, status, valid_until, version)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5})
            ON CONFLICT (licence_number) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until,
                licence_type = excluded.licence_type, version = excluded.version
            WHERE licences.version < excluded.version;
            UPDATE email_messages m SET status = 'Failed', last_error = 'Not sent: the licence no longer ends on that date.'
            FROM licences l
            WHERE l.licence_number = {0} AND m.status = 'Pending' AND (m.locked_until IS NULL OR m.locked_until < {6})
              AND starts_with(m.source_key, {7}) AND NOT starts_with(m.source_key, {7} || to_char(l.valid_until, 'YYYY-MM-DD') || ':')
            """,
            [licenceNumber, registrationNumber, licenceType, status, validUntil, version, time.GetUtcNow(), ExpiryReminders.SourcePrefix(licenceNumber)],
            ct);
}

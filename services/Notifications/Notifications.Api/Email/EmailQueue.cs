using Microsoft.Extensions.Options;

namespace Notifications.Api.Email;

/// <summary>
/// Puts mails into the email outbox in the caller's transaction. The mail is rendered now, in the
/// recipient's language, and given its Message-ID now: a retry sends exactly these bytes.
/// </summary>
internal sealed class EmailQueue(
    NotificationsDbContext db, EmailTemplates templates, IOptionsMonitor<EmailOptions> options, TimeProvider time,
    ILogger<EmailQueue> logger)
{
    /// <summary>To the contact address of <paramref name="registrationNumber"/>, if the company gave one; true if queued.</summary>
    public async Task<bool> ToCompanyAsync(
        string sourceKey, string kind, string template, string registrationNumber, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var contact = await db.CompanyContacts.AsNoTracking().SingleOrDefaultAsync(c => c.RegistrationNumber == registrationNumber, ct);
        if (contact?.ContactEmail is null)
        {
            logger.LogDebug("No contact email for {RegistrationNumber}: {Kind} not mailed", registrationNumber, kind);
            return false;
        }

        return await InsertAsync(sourceKey, kind, template, contact, contact.ContactEmail, values, ct);
    }

    /// <summary>To every contact address of the companies <paramref name="ownerSubject"/> owns (a webhook's owner).</summary>
    public async Task ToOwnerAsync(
        string sourceKey, string kind, string template, string ownerSubject, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var owned = db.CompanyOwners.Where(o => o.OwnerSubject == ownerSubject).Select(o => o.RegistrationNumber);
        var contacts = await db.CompanyContacts.AsNoTracking()
            .Where(c => owned.Contains(c.RegistrationNumber) && c.ContactEmail != null)
            .OrderBy(c => c.RegistrationNumber).ToListAsync(ct);
        if (contacts.Count == 0)
        {
            logger.LogWarning("No contact email for {Owner}: {Kind} not mailed", ownerSubject, kind);
        }

        foreach (var contact in contacts.DistinctBy(c => c.ContactEmail!.ToLowerInvariant()))
        {
            await InsertAsync(sourceKey, kind, template, contact, contact.ContactEmail!, values, ct);
        }
    }

    private async Task<bool> InsertAsync(
        string sourceKey, string kind, string template, CompanyContact contact, string recipient,
        IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var registrationNumber = contact.RegistrationNumber;
        var lang = EmailTemplates.LanguageOrDefault(contact.PreferredLanguage);
        // The company as the mail names it: its current name (company-amended keeps it), and its number.
        var named = new Dictionary<string, string>(values)
        {
            ["company"] = contact.LegalName is { Length: > 0 } name ? $"{name} ({registrationNumber})" : registrationNumber,
        };
        var mail = templates.Render(template, lang, named);
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        // ON CONFLICT: the same cause for the same recipient is already queued (or sent): keep that one.
        return 0 < await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO email_messages (id, source_key, kind, recipient, language, registration_number, message_id,
                                        subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, 'Pending', 0, {10}, {10})
            ON CONFLICT (source_key, recipient, kind) DO NOTHING
            """,
            [id, sourceKey, kind, recipient.ToLowerInvariant(), lang, registrationNumber,
             $"{id:N}@{options.CurrentValue.MessageIdDomain}", mail.Subject, mail.Text, mail.Html, now], ct);
    }
}

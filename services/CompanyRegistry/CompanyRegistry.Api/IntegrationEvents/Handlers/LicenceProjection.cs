namespace CompanyRegistry.Api.IntegrationEvents.Handlers;

/// <summary>
/// Keeps a company's licence list from the licence service's events. Both events carry the whole
/// licence summary and its version, and both may be the first to mention a licence, at the same moment
/// as the other. So the write is an upsert by version: an insert that does nothing when the row exists
/// (it waits for a concurrent inserter to commit rather than failing on the key), then, under the row's
/// lock, an update only when the event is newer. Neither path can hit a unique violation or a lost
/// update, redelivery and reordering converge on the newest version, and each applied change writes
/// exactly one history entry with the true previous values. The insert carries the delivery's inbox row
/// (<see cref="IInboxClaimingHandler"/>): one round trip fewer per event, and a redelivery stops at it.
/// </summary>
public sealed class LicenceProjection(CompanyRegistryDbContext db, InboxClaim claim, TimeProvider time, ILogger<LicenceProjection> logger)
{
    public async Task ApplyAsync(
        string topic, string registrationNumber, string licenceNumber, string licenceType, string status,
        DateOnly validUntil, long version, CancellationToken ct)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.RegistrationNumber == registrationNumber, ct);
        if (company is null)
        {
            // Licences are only issued to companies this registry registered; a retry would not help.
            logger.LogWarning("Licence {LicenceNumber} refers to unknown company {RegistrationNumber}; ignored",
                licenceNumber, registrationNumber);
            return;
        }

        var actor = $"system:{topic}";
        var now = time.GetUtcNow();
        // With the delivery's inbox row, in one statement: a redelivery writes nothing and ends here.
        var created = await claim.ExecuteAsync("""
            INSERT INTO company_licences (licence_number, company_id, licence_type, status, valid_until, version, updated_at)
            SELECT @licence_number, @company_id, @licence_type, @status, @valid_until, @version, @updated_at
            WHERE EXISTS (SELECT FROM claim)
            ON CONFLICT (licence_number) DO NOTHING
            RETURNING 1
            """,
            [
                new("licence_number", licenceNumber), new("company_id", company.Id), new("licence_type", licenceType),
                new("status", status), new("valid_until", validUntil), new("version", version), new("updated_at", now),
            ], ct);
        if (created is null)
        {
            return;
        }

        if (created == 1)
        {
            company.RecordLicenceAdded(licenceNumber, licenceType, status, validUntil, actor, now);
            await db.SaveChangesAsync(ct);
            return;
        }

        // The row exists (perhaps committed a moment ago by the other event): lock it so a concurrent
        // writer waits, then compare versions on its latest state.
        var existing = await db.Licences
            .FromSql($"SELECT * FROM company_licences WHERE licence_number = {licenceNumber} FOR UPDATE")
            .SingleAsync(ct);
        if (!company.ApplyLicence(existing, licenceType, status, validUntil, version, actor, now))
        {
            logger.LogInformation("Licence {LicenceNumber} version {Version} is not newer than the stored one; ignored",
                licenceNumber, version);
            return;
        }
        await db.SaveChangesAsync(ct);
    }
}

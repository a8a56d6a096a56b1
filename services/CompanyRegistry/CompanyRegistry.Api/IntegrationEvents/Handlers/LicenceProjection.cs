using CompanyRegistry.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CompanyRegistry.Api.IntegrationEvents.Handlers;

/// <summary>
/// Keeps a company's licence list from the licence service's events. Both events carry the whole
/// licence summary and its version, so whichever arrives first creates the row and older ones are
/// ignored: redelivery and reordering converge on the latest state.
/// </summary>
public sealed class LicenceProjection(CompanyRegistryDbContext db, TimeProvider time, ILogger<LicenceProjection> logger)
{
    public async Task ApplyAsync(
        string topic, string registrationNumber, string licenceNumber, string licenceType, string status,
        DateOnly validUntil, long version, CancellationToken ct)
    {
        var company = await db.Companies.Include(c => c.Licences)
            .SingleOrDefaultAsync(c => c.RegistrationNumber == registrationNumber, ct);
        if (company is null)
        {
            // Licences are only issued to companies this registry registered; a retry would not help.
            logger.LogWarning("Licence {LicenceNumber} refers to unknown company {RegistrationNumber}; ignored",
                licenceNumber, registrationNumber);
            return;
        }
        var applied = company.ApplyLicence(
            licenceNumber, licenceType, status, validUntil, version, $"system:{topic}", time.GetUtcNow());
        if (!applied)
        {
            logger.LogInformation("Licence {LicenceNumber} version {Version} is not newer than the stored one; ignored",
                licenceNumber, version);
            return;
        }
        await db.SaveChangesAsync(ct);
    }
}

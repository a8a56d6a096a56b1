using CompanyRegistry.Api.Companies;
using CompanyRegistry.Contracts;

namespace CompanyRegistry.Api.StatusChanges;

/// <summary>
/// Suspend, reinstate and dissolve: one guarded transition, its history row and its event, saved together.
/// A transition the company's state does not allow throws <see cref="InvalidStateException"/> from the domain.
/// </summary>
public sealed class CompanyStatusChanges(CompanyRegistryDbContext db, TimeProvider time)
{
    private const int MaxAttempts = 3;

    /// <summary>The changed company, or null when there is none (or, with <paramref name="ownerSubject"/>, not the caller's).</summary>
    public async Task<Company?> ChangeAsync(
        string registrationNumber, CompanyStatus target, string? reason, string actor, string? ownerSubject, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var company = await CompanyQueries.FindAsync(db, registrationNumber, tracking: true, ct);
            if (company is null || (ownerSubject is not null && company.OwnerSubject != ownerSubject))
            {
                return null;
            }

            var now = time.GetUtcNow();
            var previous = company.ChangeStatus(target, reason, actor, now);
            db.AddIntegrationEvent(
                new CompanyStatusChangedIntegrationEvent(
                    company.RegistrationNumber, previous.ToString(), target.ToString(), reason, company.Version, now) { OccurredAt = now },
                orderingKey: company.RegistrationNumber);
            try
            {
                await db.SaveChangesAsync(ct);
                return company;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the company between our read and write: decide again on fresh state.
                db.ChangeTracker.Clear();
            }
        }
        throw new InvalidStateException($"Company {registrationNumber} is being changed concurrently; try again.");
    }
}

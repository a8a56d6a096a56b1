using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.Services;

/// <summary>Status changes of licences: by regulators, and as a consequence of the holder company's status.</summary>
public sealed class LicenceLifecycle(LicenceApplicationsDbContext db, TimeProvider time, ILogger<LicenceLifecycle> logger)
{
    public async Task SuspendAsync(Licence licence, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var previous = licence.Suspend(Licence.RegulatorCause, reason, now);
        db.AddStatusChanged(licence, previous, reason, now);
        await db.SaveChangesAsync(ct);
    }

    public async Task RevokeAsync(Licence licence, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var previous = licence.Revoke(reason, now);
        db.AddStatusChanged(licence, previous, reason, now);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReinstateAsync(Licence licence, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var previous = licence.Reinstate(reason, now);
        db.AddStatusChanged(licence, previous, reason, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Follows the holder company: suspended takes its active licences down with the remembered cause
    /// <c>company-suspended</c>; back to active revives exactly those; dissolved revokes every live one.
    /// The caller saves (inside the inbox transaction).
    /// </summary>
    public async Task<int> FollowCompanyStatusAsync(string registrationNumber, string companyStatus, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var licences = await db.Licences
            .Where(l => l.RegistrationNumber == registrationNumber
                && (l.Status == LicenceStatus.Active || l.Status == LicenceStatus.Suspended))
            .ToListAsync(ct);

        var changed = 0;
        foreach (var licence in licences)
        {
            LicenceStatus? previous = companyStatus switch
            {
                Company.Suspended when licence.Status == LicenceStatus.Active =>
                    licence.Suspend(Licence.CompanySuspendedCause, Licence.CompanySuspendedCause, now),
                Company.Active when licence is { Status: LicenceStatus.Suspended, SuspensionCause: Licence.CompanySuspendedCause } =>
                    licence.Reinstate("company-reinstated", now),
                Company.Dissolved => licence.Revoke("company-dissolved", now),
                _ => null,
            };
            if (previous is { } was)
            {
                db.AddStatusChanged(licence, was, licence.StatusReason, now);
                changed++;
            }
        }

        if (changed > 0)
        {
            logger.LogInformation("Company {RegistrationNumber} is {Status}: {Count} licence(s) followed",
                registrationNumber, companyStatus, changed);
        }

        return changed;
    }
}

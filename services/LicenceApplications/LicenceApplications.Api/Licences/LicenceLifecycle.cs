using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Companies;

namespace LicenceApplications.Api.Licences;

/// <summary>Status changes of licences: by regulators, and as a consequence of the holder company's status.</summary>
public sealed class LicenceLifecycle(
    LicenceApplicationsDbContext db, CompanyDirectory companies, ApplicationCommands applications, TimeProvider time,
    ILogger<LicenceLifecycle> logger)
{
    private const int MaxCommandAttempts = 5;

    public static Refusal NotFound(string licenceNumber) => Refusal.NotFound($"Licence {licenceNumber} was not found.");

    public Task<Outcome<Licence>> SuspendAsync(string licenceNumber, string reason, CancellationToken ct) =>
        RunAsync(licenceNumber, _ => true, (licence, now) => licence.Suspend(Licence.RegulatorCause, reason, now), reason, ct);

    public Task<Outcome<Licence>> RevokeAsync(string licenceNumber, string reason, CancellationToken ct) =>
        RunAsync(licenceNumber, _ => true, (licence, now) => licence.Revoke(reason, now), reason, ct);

    /// <summary>The owner gives the licence up for good; anyone else is told it does not exist.</summary>
    public Task<Outcome<Licence>> SurrenderAsync(string licenceNumber, string owner, string reason, CancellationToken ct) =>
        RunAsync(licenceNumber, l => l.OwnerSubject == owner, (licence, now) => licence.Surrender(reason, now), reason, ct);

    /// <summary>
    /// A licence held by a company that is not Active may not come back: the registry (source of truth)
    /// is asked, as at issue, because the local view follows events and may be a moment behind.
    /// </summary>
    public async Task<Outcome<Licence>> ReinstateAsync(string licenceNumber, string reason, CancellationToken ct)
    {
        var licence = await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        if (licence is null)
        {
            return NotFound(licenceNumber);
        }

        var companyStatus = await companies.ConfirmStatusAsync(licence.RegistrationNumber, ct);
        if (companyStatus is null)
        {
            return Refusal.RegistryUnavailable("The holder company's status could not be confirmed; retry shortly.");
        }

        if (companyStatus != Company.Active)
        {
            return Refusal.CompanyNotActive($"The holder company is {companyStatus}; its licences follow it.");
        }

        return await RunAsync(licenceNumber, _ => true, (l, now) => l.Reinstate(reason, now), reason, ct);
    }

    /// <summary>
    /// Company status events update licence rows at any moment: a regulator's command that lost that
    /// race is decided again on the fresh row (bounded); 409 stays for a transition that does not apply.
    /// </summary>
    private async Task<Outcome<Licence>> RunAsync(
        string licenceNumber, Func<Licence, bool> mayAct, Func<Licence, DateTimeOffset, LicenceStatus> change, string reason,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var licence = await db.Licences.Include(l => l.History).FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
            if (licence is null || !mayAct(licence))
            {
                return NotFound(licenceNumber);
            }

            try
            {
                var now = time.GetUtcNow();
                var previous = change(licence, now);
                db.AddStatusChanged(licence, previous, reason, now);
                if (licence.Status is LicenceStatus.Revoked or LicenceStatus.Surrendered)
                {
                    // Nothing is left to renew: an open renewal ends and its invoice stops being payable.
                    await applications.CancelPendingAsync(a => a.RenewalOf == licenceNumber,
                        $"licence-{licence.Status.ToString().ToLowerInvariant()}", ct);
                }

                await db.SaveChangesAsync(ct);
                return licence;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCommandAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new InvalidStateException("The licence kept changing while this request was handled; read it again.");
            }
        }
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

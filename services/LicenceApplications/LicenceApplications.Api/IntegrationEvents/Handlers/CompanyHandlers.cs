using CompanyRegistry.Contracts;
using G2B.Eventing;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Services;
using Microsoft.EntityFrameworkCore;

namespace LicenceApplications.Api.IntegrationEvents.Handlers;

/// <summary>Adds a registered company to the local view (or completes a row a status change created first).</summary>
internal sealed class CompanyRegisteredHandler(LicenceApplicationsDbContext db, TimeProvider time)
    : IIntegrationEventHandler<CompanyRegisteredIntegrationEvent>
{
    public async Task HandleAsync(CompanyRegisteredIntegrationEvent evt, CancellationToken ct)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.RegistrationNumber == evt.RegistrationNumber, ct);
        if (company is null)
        {
            db.Companies.Add(Company.FromRegistration(
                evt.RegistrationNumber, evt.LegalName, evt.OwnerSubject, evt.ActivityCodes, evt.Status, time.GetUtcNow()));
        }
        else
        {
            company.ApplyRegistration(evt.LegalName, evt.OwnerSubject, evt.ActivityCodes, evt.Status, time.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Applies a company status change if it is newer than what the view holds, and makes the company's
/// licences follow. A stale or repeated change does nothing, so reordering cannot revive a licence.
/// </summary>
internal sealed class CompanyStatusChangedHandler(
    LicenceApplicationsDbContext db, LicenceLifecycle lifecycle, TimeProvider time, ILogger<CompanyStatusChangedHandler> logger)
    : IIntegrationEventHandler<CompanyStatusChangedIntegrationEvent>
{
    public async Task HandleAsync(CompanyStatusChangedIntegrationEvent evt, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var company = await db.Companies.FirstOrDefaultAsync(c => c.RegistrationNumber == evt.RegistrationNumber, ct);
        if (company is null)
        {
            // The registration has not reached us yet; remember the status so it is not lost.
            db.Companies.Add(Company.FromStatusChange(evt.RegistrationNumber, evt.Status, evt.Version, now));
        }
        else if (!company.TryApplyStatus(evt.Status, evt.Version, now))
        {
            logger.LogInformation("Ignored stale status change v{Version} of company {RegistrationNumber} (have v{Current})",
                evt.Version, evt.RegistrationNumber, company.Version);
            return;
        }

        await lifecycle.FollowCompanyStatusAsync(evt.RegistrationNumber, evt.Status, ct);
        await db.SaveChangesAsync(ct);
    }
}

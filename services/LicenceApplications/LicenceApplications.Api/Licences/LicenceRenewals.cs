using LicenceApplications.Api.Applications;
using LicenceApplications.Api.Companies;
using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Licences;

/// <summary>
/// The owner's request to renew a licence: a renewal application for the same type, paid (and, for
/// types with review, approved) like any application. It is open from the type's renewal window before
/// the end date to its grace period after it; a suspended, revoked or surrendered licence cannot be
/// renewed, an Expired one inside its grace period can (and is Active again once renewed).
/// </summary>
public sealed class LicenceRenewals(
    LicenceApplicationsDbContext db, CompanyDirectory companies, IdempotentCreation creation, TimeProvider time)
{
    public async Task<Outcome<Creation>> RequestAsync(string licenceNumber, string subject, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = IdempotentCreation.Hash("renew", licenceNumber);
        if (await creation.FindReplayAsync(subject, idempotencyKey, requestHash, ct) is { } early)
        {
            return early;
        }

        var licence = await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licenceNumber, ct);
        if (licence is null || licence.OwnerSubject != subject)
        {
            return LicenceLifecycle.NotFound(licenceNumber);
        }

        if (licence.Status is not (LicenceStatus.Active or LicenceStatus.Expired))
        {
            return Refusal.Conflict("invalid-state", "The operation does not apply in the current state.",
                $"A licence in status {licence.Status} cannot be renewed.");
        }

        var type = await db.LicenceTypes.AsNoTracking().SingleAsync(t => t.Code == licence.LicenceType, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (opens, closes) = licence.RenewalWindow(type);
        if (today < opens || today > closes)
        {
            return Refusal.Conflict("renewal-not-open", "Renewal is not open for this licence.", today < opens
                ? $"Renewal opens on {opens:yyyy-MM-dd}, {type.RenewalWindowDays} days before the licence ends."
                : $"Renewal closed on {closes:yyyy-MM-dd}; the licence lapsed, so apply for a new one.");
        }

        if (licence.EligibilityLapsed)
        {
            return new Refusal(RefusalKind.Unprocessable, "activity-not-eligible",
                "The company's activities do not qualify for this licence type.",
                $"{type.Code} requires one of: {string.Join(", ", type.EligibleActivityCodes)}.");
        }

        if (await companies.RequireActiveAsync(licence.RegistrationNumber, ct) is { } notActive)
        {
            return notActive;
        }

        return await creation.CreateAsync(subject, idempotencyKey, requestHash, (now, token) => CreateAsync(licence, type, subject, now, token), ct);
    }

    private async Task<Outcome<LicenceApplication>> CreateAsync(
        Licence licence, LicenceType type, string subject, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Applications.AnyAsync(a => a.RenewalOf == licence.LicenceNumber
                && ApplicationStateMachine.OpenStatuses.Contains(a.Status), ct))
        {
            return IdempotentCreation.DuplicateRenewal;
        }

        var legalName = await db.Companies.Where(c => c.RegistrationNumber == licence.RegistrationNumber)
            .Select(c => c.LegalName).FirstOrDefaultAsync(ct);
        var application = LicenceApplication.SubmitRenewal(licence, type, subject, now);
        db.Applications.Add(application);
        // The same event as any application: fee payments invoices it without knowing it is a renewal.
        db.AddIntegrationEvent(
            new ApplicationSubmittedIntegrationEvent(
                application.Id, licence.RegistrationNumber, legalName ?? licence.RegistrationNumber, subject,
                type.Code, type.Fee, type.Currency, now) { OccurredAt = now },
            orderingKey: application.Id.ToString());
        return application;
    }
}

using LicenceApplications.Api.Companies;
using LicenceApplications.Contracts;

namespace LicenceApplications.Api.Applications;

/// <summary>Submission of an application: the registry confirms owner and status, the catalogue the type and eligibility.</summary>
public sealed class ApplicationSubmission(LicenceApplicationsDbContext db, CompanyDirectory companies, IdempotentCreation creation)
{
    public async Task<Outcome<Creation>> SubmitAsync(
        string registrationNumber, string licenceTypeCode, string subject, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = IdempotentCreation.Hash(registrationNumber, licenceTypeCode);
        if (await creation.FindReplayAsync(subject, idempotencyKey, requestHash, ct) is { } early)
        {
            return early;
        }

        var type = await db.LicenceTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == licenceTypeCode, ct);
        if (type is null)
        {
            return Refusal.Invalid("licenceType", $"Unknown licence type '{licenceTypeCode}'.");
        }

        var lookup = await companies.FindForApplicantAsync(registrationNumber, subject, ct);
        switch (lookup.Outcome)
        {
            case CompanyLookupOutcome.Unknown:
                return Refusal.Invalid("registrationNumber", $"Unknown company '{registrationNumber}'.");
            case CompanyLookupOutcome.NotOwned:
                return Refusal.Forbidden("The company is not owned by the caller.");
            case CompanyLookupOutcome.RegistryUnavailable:
                return Refusal.RegistryUnavailable("The company is not known here yet and the registry did not answer; retry shortly.");
        }

        var company = lookup.Company!;
        if (company.Status != Company.Active)
        {
            return Refusal.CompanyNotActive($"The company is {company.Status}.");
        }

        if (!type.Admits(company.ActivityCodes))
        {
            return new Refusal(RefusalKind.Unprocessable, "activity-not-eligible",
                "The company's activities do not qualify for this licence type.",
                $"{type.Code} requires one of: {string.Join(", ", type.EligibleActivityCodes)}.");
        }

        return await creation.CreateAsync(subject, idempotencyKey, requestHash, (now, token) => CreateAsync(company, type, subject, now, token), ct);
    }

    private async Task<Outcome<LicenceApplication>> CreateAsync(
        Company company, LicenceType type, string subject, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Applications.AnyAsync(a => a.RegistrationNumber == company.RegistrationNumber
                && a.LicenceType == type.Code && ApplicationStateMachine.OpenStatuses.Contains(a.Status), ct))
        {
            return IdempotentCreation.DuplicateApplication;
        }

        var application = LicenceApplication.Submit(company, type, subject, now);
        db.Applications.Add(application);
        db.AddIntegrationEvent(
            new ApplicationSubmittedIntegrationEvent(
                application.Id, company.RegistrationNumber, company.LegalName ?? company.RegistrationNumber, subject,
                type.Code, type.Fee, type.Currency, now) { OccurredAt = now },
            orderingKey: application.Id.ToString());
        return application;
    }
}

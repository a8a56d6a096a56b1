using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using G2B.Eventing;
using G2B.ServiceDefaults;
using LicenceApplications.Api.Data;
using LicenceApplications.Api.Domain;
using LicenceApplications.Api.Endpoints;
using LicenceApplications.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LicenceApplications.Api.Services;

/// <summary>
/// Submission of an application, with the contract's Idempotency-Key: the first successful answer is
/// stored in the same transaction as the application, and same-key requests are serialised by an
/// advisory lock so concurrent retries replay that answer instead of racing to create a second one.
/// </summary>
public sealed class ApplicationSubmission(
    LicenceApplicationsDbContext db,
    CompanyDirectory companies,
    TimeProvider time,
    IdempotencySettings settings,
    IHttpContextAccessor httpContextAccessor)
{
    public async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        string registrationNumber, string licenceTypeCode, string subject, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = Hash(registrationNumber, licenceTypeCode);
        if (idempotencyKey is not null && await FindReplayAsync(subject, idempotencyKey, requestHash, ct) is { } early)
        {
            return early;
        }

        var type = await db.LicenceTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == licenceTypeCode, ct);
        if (type is null)
        {
            return Problems.Validation(Errors("licenceType", $"Unknown licence type '{licenceTypeCode}'."));
        }

        var lookup = await companies.FindForApplicantAsync(registrationNumber, subject, ct);
        switch (lookup.Outcome)
        {
            case CompanyLookupOutcome.Unknown:
                return Problems.Validation(Errors("registrationNumber", $"Unknown company '{registrationNumber}'."));
            case CompanyLookupOutcome.NotOwned:
                return Problems.Forbidden("The company is not owned by the caller.");
            case CompanyLookupOutcome.RegistryUnavailable:
                return Problems.Create(503, "registry-unavailable", "The company registry cannot be reached.",
                    "The company is not known here yet and the registry did not answer; retry shortly.");
        }

        var company = lookup.Company!;
        if (company.Status != Company.Active)
        {
            return Problems.Create(409, "company-not-active", "The company is not active.", $"The company is {company.Status}.");
        }

        if (!type.Admits(company.ActivityCodes))
        {
            return Problems.Create(422, "activity-not-eligible", "The company's activities do not qualify for this licence type.",
                $"{type.Code} requires one of: {string.Join(", ", type.EligibleActivityCodes)}.");
        }

        return await CreateAsync(company, type, subject, idempotencyKey, requestHash, ct);
    }

    private async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> CreateAsync(
        Company company, LicenceType type, string subject, string? idempotencyKey, string requestHash, CancellationToken ct)
    {
        // The database is configured with a retrying strategy, which wants explicit transactions wrapped.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            token => CreateOnceAsync(company, type, subject, idempotencyKey, requestHash, token), ct);
    }

    private async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>> CreateOnceAsync(
        Company company, LicenceType type, string subject, string? idempotencyKey, string requestHash, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (idempotencyKey is not null)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({subject + "\n" + idempotencyKey}, 0))", ct);
            if (await FindReplayAsync(subject, idempotencyKey, requestHash, ct) is { } replay)
            {
                return replay;
            }

            // An expired record gives the key back to its owner.
            await db.IdempotencyRecords.Where(r => r.OwnerSubject == subject && r.Key == idempotencyKey).ExecuteDeleteAsync(ct);
        }

        if (await db.Applications.AnyAsync(a => a.RegistrationNumber == company.RegistrationNumber
                && a.LicenceType == type.Code && ApplicationStateMachine.OpenStatuses.Contains(a.Status), ct))
        {
            return DuplicateApplication();
        }

        var application = LicenceApplication.Submit(company, type, subject, now);
        db.Applications.Add(application);
        db.AddIntegrationEvent(
            new ApplicationSubmittedIntegrationEvent(
                application.Id, company.RegistrationNumber, company.LegalName ?? company.RegistrationNumber, subject,
                type.Code, type.Fee, type.Currency, now) { OccurredAt = now },
            orderingKey: application.Id.ToString());

        var response = ApplicationResponse.From(application);
        var location = $"/api/applications/{application.Id}";
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                OwnerSubject = subject, Key = idempotencyKey, RequestHash = requestHash, ResponseStatus = StatusCodes.Status201Created,
                ResponseBody = JsonSerializer.Serialize(response, JsonSerializerOptions.Web), ResponseLocation = location, CreatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_applications_open_per_type",
        })
        {
            return DuplicateApplication();
        }

        return TypedResults.Created(location, response);
    }

    private async Task<Results<Created<ApplicationResponse>, ContentHttpResult, ProblemHttpResult>?> FindReplayAsync(
        string subject, string key, string requestHash, CancellationToken ct)
    {
        var notBefore = time.GetUtcNow() - settings.Retention;
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.OwnerSubject == subject && r.Key == key && r.CreatedAt > notBefore, ct);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            return Problems.Create(409, "idempotency-key-reuse", "The Idempotency-Key was used with a different request.",
                "Use a new key for a different request.");
        }

        if (record.ResponseLocation is not null && httpContextAccessor.HttpContext is { } http)
        {
            http.Response.Headers.Location = record.ResponseLocation;
        }

        return TypedResults.Text(record.ResponseBody, "application/json", Encoding.UTF8, record.ResponseStatus);
    }

    private static ProblemHttpResult DuplicateApplication() =>
        Problems.Create(409, "duplicate-application", "An open application of this type exists.",
            "The company already has an open application for this licence type.");

    private static Dictionary<string, string[]> Errors(string field, string message) => new() { [field] = [message] };

    private static string Hash(string registrationNumber, string licenceType) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{registrationNumber}\n{licenceType}")));
}

/// <summary>How long a stored answer is replayed (configuration <c>Idempotency:Retention</c>, 24 h by default).</summary>
public sealed class IdempotencySettings
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

using CompanyRegistry.Api.Data.Configurations;
using CompanyRegistry.Contracts;
using Npgsql;

namespace CompanyRegistry.Api.Amendments;

public enum AmendmentOutcome
{
    Amended,
    /// <summary>Every given field already had the asked value: nothing written, no history, no event.</summary>
    Unchanged,
    NotFound,
    DuplicateName,
}

public sealed record AmendmentResult(AmendmentOutcome Outcome, Company? Company = null);

/// <summary>
/// Amends a company for its owner: the change, its history entry, the version bump and the
/// company-amended event in one SaveChanges. The company's row is locked (SELECT ... FOR UPDATE) for
/// the transaction, so concurrent amendments queue and each applies on top of the one before: none is
/// lost and none fails. The version stays the concurrency token against writers that do not lock.
/// </summary>
public sealed class CompanyAmendments(CompanyRegistryDbContext db, TimeProvider time)
{
    public async Task<AmendmentResult> AmendAsync(
        string registrationNumber, CompanyAmendment amendment, string ownerSubject, CancellationToken ct)
    {
        if (!RegistrationNumber.TryNormalize(registrationNumber, out var number))
        {
            return new AmendmentResult(AmendmentOutcome.NotFound);
        }
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(cancellation => AmendLockedAsync(number, amendment, ownerSubject, cancellation), ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CompanyConfiguration.ActiveNameIndex,
        })
        {
            // Another company took the name between the check below and this write.
            db.ChangeTracker.Clear();
            return new AmendmentResult(AmendmentOutcome.DuplicateName);
        }
    }

    private async Task<AmendmentResult> AmendLockedAsync(
        string number, CompanyAmendment amendment, string ownerSubject, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var company = await db.Companies
            .FromSql($"SELECT * FROM companies WHERE registration_number = {number} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        // Another business's company answers like a missing one, as GET does.
        if (company is null || company.OwnerSubject != ownerSubject)
        {
            return new AmendmentResult(AmendmentOutcome.NotFound);
        }

        var now = time.GetUtcNow();
        var changed = company.Amend(amendment, ownerSubject, now);
        if (changed.Contains(CompanyAmendment.Fields.LegalName) && await NameTakenAsync(company, ct))
        {
            db.ChangeTracker.Clear();
            return new AmendmentResult(AmendmentOutcome.DuplicateName);
        }
        if (changed.Count > 0)
        {
            db.AddIntegrationEvent(
                new CompanyAmendedIntegrationEvent(
                    company.RegistrationNumber, company.LegalName, [.. company.ActivityCodes], changed,
                    company.ContactEmail, company.PreferredLanguage, ownerSubject, company.Version, now) { OccurredAt = now },
                orderingKey: company.RegistrationNumber);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);

        await db.Entry(company).Collection(c => c.Licences).LoadAsync(ct);
        return new AmendmentResult(changed.Count > 0 ? AmendmentOutcome.Amended : AmendmentOutcome.Unchanged, company);
    }

    /// <summary>The registration rule: no two companies that are not dissolved share a name in any casing or accenting.</summary>
    private Task<bool> NameTakenAsync(Company company, CancellationToken ct) =>
        db.Companies.AnyAsync(c => c.Id != company.Id && c.NameNormalized == company.NameNormalized && c.Status != CompanyStatus.Dissolved, ct);
}

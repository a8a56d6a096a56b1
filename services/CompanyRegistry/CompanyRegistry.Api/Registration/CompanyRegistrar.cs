using CompanyRegistry.Api.Data.Configurations;
using CompanyRegistry.Contracts;
using Npgsql;

namespace CompanyRegistry.Api.Registration;

public enum RegistrationConflict
{
    None,
    DuplicateTaxId,
    DuplicateName,
}

/// <summary>
/// Registers a company: number, row, history and outbox event in one transaction. The per-year
/// counter row is locked by the UPDATE until commit, so concurrent registrations queue on it and
/// numbers are gap-free; a registration that fails on a unique index rolls its number back.
/// </summary>
public sealed class CompanyRegistrar(CompanyRegistryDbContext db, TimeProvider time)
{
    public async Task<(Company? Company, RegistrationConflict Conflict)> RegisterAsync(
        ValidRegistration registration, string ownerSubject, CancellationToken ct)
    {
        // Friendly early answers; the unique indexes below are what actually guarantees them. One statement for both
        // (each side of the OR on its own unique index): a taken tax id is named before a taken name.
        var normalized = NameNormalizer.ForComparison(registration.LegalName);
        var conflictOnTaxId = await db.Companies
            .Where(c => c.TaxId == registration.TaxId || (c.NameNormalized == normalized && c.Status != CompanyStatus.Dissolved))
            .Select(c => (bool?)(c.TaxId == registration.TaxId))
            .OrderByDescending(taken => taken)
            .FirstOrDefaultAsync(ct);
        if (conflictOnTaxId is { } onTaxId)
        {
            return (null, onTaxId ? RegistrationConflict.DuplicateTaxId : RegistrationConflict.DuplicateName);
        }

        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var company = await strategy.ExecuteAsync(async cancellation =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
                var now = time.GetUtcNow();
                var sequence = await NextSequenceAsync(now.Year, cancellation);
                var created = Company.Register(
                    RegistrationNumber.Format(now.Year, sequence), registration.LegalName, registration.LegalForm,
                    registration.TaxId, registration.Address, registration.ActivityCodes, ownerSubject, now,
                    registration.ContactEmail, registration.PreferredLanguage);
                db.Companies.Add(created);
                db.AddIntegrationEvent(
                    new CompanyRegisteredIntegrationEvent(
                        created.RegistrationNumber, created.LegalName, created.LegalForm.ToString(), ownerSubject,
                        created.ActivityCodes, created.Status.ToString(), created.RegisteredAt,
                        created.ContactEmail, created.PreferredLanguage) { OccurredAt = now },
                    orderingKey: created.RegistrationNumber);
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
                return created;
            }, ct);
            return (company, RegistrationConflict.None);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            db.ChangeTracker.Clear();
            return pg.ConstraintName switch
            {
                CompanyConfiguration.TaxIdIndex => (null, RegistrationConflict.DuplicateTaxId),
                CompanyConfiguration.ActiveNameIndex => (null, RegistrationConflict.DuplicateName),
                _ => throw new InvalidOperationException($"Unexpected unique violation on {pg.ConstraintName}.", ex),
            };
        }
    }

    private async Task<long> NextSequenceAsync(int year, CancellationToken ct)
    {
        var values = await db.Database
            .SqlQuery<long>($"""
                INSERT INTO registration_counters (year, last_value) VALUES ({year}, 1)
                ON CONFLICT (year) DO UPDATE SET last_value = registration_counters.last_value + 1
                RETURNING last_value AS "Value"
                """)
            .ToListAsync(ct);
        return values[0];
    }
}

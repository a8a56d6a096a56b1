namespace CompanyRegistry.Api.Companies;

public static class CompanyQueries
{
    /// <summary>Finds by a registration number in any case; a malformed number or wrong check letter finds nothing.</summary>
    public static Task<Company?> FindAsync(CompanyRegistryDbContext db, string registrationNumber, bool tracking, CancellationToken ct)
    {
        if (!RegistrationNumber.TryNormalize(registrationNumber, out var normalized))
        {
            return Task.FromResult<Company?>(null);
        }
        return tracking ? Tracked(db, normalized, ct) : Untracked(db, normalized, ct);
    }

    // Compiled once, so EF does not rebuild the expression's cache key and parameters on every call (issue 16): the
    // untracked one answers the applications service's company checks, one or two of every submission.
    private static readonly Func<CompanyRegistryDbContext, string, CancellationToken, Task<Company?>> Tracked =
        EF.CompileAsyncQuery((CompanyRegistryDbContext db, string normalized, CancellationToken ct) =>
            db.Companies.Include(c => c.Licences).AsSplitQuery().SingleOrDefault(c => c.RegistrationNumber == normalized));

    private static readonly Func<CompanyRegistryDbContext, string, CancellationToken, Task<Company?>> Untracked =
        EF.CompileAsyncQuery((CompanyRegistryDbContext db, string normalized, CancellationToken ct) =>
            db.Companies.Include(c => c.Licences).AsSplitQuery().AsNoTracking().SingleOrDefault(c => c.RegistrationNumber == normalized));

    /// <summary>Another business's company is treated exactly like a missing one, so numbers cannot be probed.</summary>
    public static bool IsVisibleTo(this Company company, string? subject, bool regulator) =>
        regulator || company.OwnerSubject == subject;

    /// <summary>The company's history, oldest first; null when there is no such company.</summary>
    public static async Task<List<CompanyHistoryEntry>?> HistoryAsync(CompanyRegistryDbContext db, string registrationNumber, CancellationToken ct)
    {
        if (!RegistrationNumber.TryNormalize(registrationNumber, out var normalized))
        {
            return null;
        }
        var companyId = await db.Companies.Where(c => c.RegistrationNumber == normalized).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        if (companyId is null)
        {
            return null;
        }
        return await db.History.AsNoTracking().Where(h => h.CompanyId == companyId).OrderBy(h => h.Id).ToListAsync(ct);
    }
}

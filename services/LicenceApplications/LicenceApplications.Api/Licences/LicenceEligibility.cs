namespace LicenceApplications.Api.Licences;

/// <summary>
/// Flags licences whose holder's activity codes (as the local company view holds them) no longer admit
/// their type, and clears the flag when they do again. A regulator decides what follows; nothing here
/// changes a licence's status. The caller saves.
/// </summary>
public sealed class LicenceEligibility(LicenceApplicationsDbContext db, ILogger<LicenceEligibility> logger)
{
    private static readonly LicenceStatus[] Live = [LicenceStatus.Active, LicenceStatus.Suspended, LicenceStatus.Expired];

    /// <summary>Re-checks every live licence of the company; returns how many flags changed.</summary>
    public async Task<int> ReviewCompanyAsync(string registrationNumber, CancellationToken ct)
    {
        var codes = await ActivityCodesAsync(registrationNumber, ct);
        if (codes is null)
        {
            return 0;
        }

        var licences = await (
                from l in db.Licences
                where l.RegistrationNumber == registrationNumber && Live.Contains(l.Status)
                join t in db.LicenceTypes on l.LicenceType equals t.Code
                select new { Licence = l, Type = t })
            .ToListAsync(ct);
        var changed = licences.Count(x => x.Licence.TrySetEligibilityLapsed(!x.Type.Admits(codes)));
        if (changed > 0)
        {
            logger.LogInformation("Company {RegistrationNumber}'s activities changed: {Count} licence eligibility flag(s) changed",
                registrationNumber, changed);
        }

        return changed;
    }

    /// <summary>
    /// Reads now what the flag of a licence about to be issued to the company depends on, and returns what sets
    /// it: the issuer reads before it draws the licence number, whose counter row stays locked until commit.
    /// </summary>
    public async Task<Action<Licence>> PrepareReviewAsync(string registrationNumber, LicenceType type, CancellationToken ct) =>
        Review(type, await ActivityCodesAsync(registrationNumber, ct));

    /// <summary>
    /// What sets the flag of a licence about to be issued, from activity codes its caller read earlier in the same
    /// transaction (as <see cref="ActivityCodesAsync"/> reads them: null while the view holds no details, and then no flag is set).
    /// </summary>
    public static Action<Licence> Review(LicenceType type, List<string>? codes) => licence =>
    {
        if (codes is not null)
        {
            licence.TrySetEligibilityLapsed(!type.Admits(codes));
        }
    };

    /// <summary>Null while the view holds no details of the company (only a status change was seen).</summary>
    private Task<List<string>?> ActivityCodesAsync(string registrationNumber, CancellationToken ct) =>
        db.Companies.AsNoTracking()
            .Where(c => c.RegistrationNumber == registrationNumber && c.DetailsVersion > 0)
            .Select(c => (List<string>?)c.ActivityCodes)
            .FirstOrDefaultAsync(ct);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace LicenceApplications.Api.Catalogue;

/// <summary>The two anonymous reads: the catalogue and licence verification (hit by QR scans, so cheap and cacheable).</summary>
public static class CatalogueApi
{
    private const string PublicCache = "public, max-age=60";

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/licence-types", ListTypesAsync).AllowAnonymous().WithTags("Catalogue");
        app.MapGet("/verify/licences/{licenceNumber}", VerifyAsync).AllowAnonymous().WithTags("Verification");
        return app;
    }

    private static async Task<Ok<List<LicenceTypeResponse>>> ListTypesAsync(
        HttpContext http, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var types = await db.LicenceTypes.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new LicenceTypeResponse(
                t.Code, t.Name, t.Fee, t.Currency, t.ValidityMonths, t.RequiresReview, t.EligibleActivityCodes,
                t.RenewalWindowDays, t.RenewalGraceDays, t.ReviewDays, t.RequiredDocuments))
            .ToListAsync(ct);
        http.Response.Headers[HeaderNames.CacheControl] = PublicCache;
        return TypedResults.Ok(types);
    }

    /// <summary>One indexed lookup joined to the company view; only public facts leave (no owner, no ids).</summary>
    private static async Task<Results<Ok<LicenceVerificationResponse>, ProblemHttpResult>> VerifyAsync(
        string licenceNumber, HttpContext http, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var found = await (
                from l in db.Licences.AsNoTracking()
                where l.LicenceNumber == licenceNumber
                join c in db.Companies on l.RegistrationNumber equals c.RegistrationNumber into holders
                from c in holders.DefaultIfEmpty()
                select new { l.LicenceNumber, HolderName = c == null ? null : c.LegalName, l.LicenceType, l.Status, l.ValidUntil })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            // Short, so a licence issued a moment ago is not hidden by a cached miss for long.
            http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=5";
            return Problems.NotFound($"No licence {licenceNumber} exists.");
        }

        http.Response.Headers[HeaderNames.CacheControl] = PublicCache;
        return TypedResults.Ok(new LicenceVerificationResponse(
            found.LicenceNumber, found.HolderName, found.LicenceType, found.Status.ToString(), found.ValidUntil));
    }
}

/// <summary>The contract's catalogue entry, extended with the renewal window, the grace period, the review days and the required documents.</summary>
public sealed record LicenceTypeResponse(
    string Code, string Name, decimal Fee, string Currency, int ValidityMonths, bool RequiresReview, IReadOnlyList<string> EligibleActivityCodes,
    int RenewalWindowDays, int RenewalGraceDays, int ReviewDays, IReadOnlyList<string> RequiredDocuments);

public sealed record LicenceVerificationResponse(
    string LicenceNumber, string? HolderName, string LicenceType, string Status, DateOnly ValidUntil);

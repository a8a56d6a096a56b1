using System.Security.Claims;
using LicenceApplications.Api.Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LicenceApplications.Api.Credentials;

/// <summary>Issue 15: a licence's signed credential and certificate, the public keys, and verification.</summary>
public static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        var keys = app.ServiceProvider.GetRequiredService<CredentialKeyRing>();
        var fonts = app.ServiceProvider.GetRequiredService<CertificateFonts>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CredentialsApi));
        if (keys.Problem is { } problem)
        {
            // The rest of the service is unaffected; only issuing credentials and certificates answers 503.
            logger.LogError("Licence credentials cannot be issued: {Problem}", problem);
        }

        if (fonts.Problem is { } missing)
        {
            logger.LogError("Licence certificates cannot be printed: {Problem}", missing);
        }

        var licences = app.MapGroup("/api/licences").WithTags("Licences");
        licences.MapGet("/{licenceNumber}/credential", GetCredentialAsync).RequireAuthorization();
        licences.MapGet("/{licenceNumber}/certificate.pdf", GetCertificateAsync).RequireAuthorization();

        app.MapGet("/.well-known/jwks.json", (CredentialKeyRing ring, HttpContext http) =>
        {
            // Short enough that a new key reaches verifiers soon; rotation publishes keys before they sign.
            http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
            return TypedResults.Json(ring.Jwks(), contentType: "application/jwk-set+json");
        }).AllowAnonymous().WithTags("Verification");
        app.MapPost("/verify/credentials", (VerifyCredentialRequest request, CredentialVerification verification, CancellationToken ct) =>
            VerifyAsync(request.Credential, verification, ct)).AllowAnonymous().WithTags("Verification");
        return app;
    }

    private static async Task<Results<Ok<CredentialVerificationResponse>, ProblemHttpResult>> VerifyAsync(
        string? credential, CredentialVerification verification, CancellationToken ct)
    {
        var outcome = await verification.AnswerAsync(credential, ct);
        return outcome.Value is { } answer ? TypedResults.Ok(answer) : outcome.Refusal!.ToProblem();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetCredentialAsync(
        string licenceNumber, ClaimsPrincipal user, LicenceApplicationsDbContext db, LicenceCredentialIssuer issuer,
        CredentialKeyRing keys, CancellationToken ct)
    {
        var (facts, problem) = await FindAsync(licenceNumber, user, db, ct);
        if (facts is null)
        {
            return problem!;
        }

        var credential = issuer.Issue(facts);
        return credential is null ? Unavailable(keys.Problem) : TypedResults.Content(credential, LicenceCredentialIssuer.MediaType);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCertificateAsync(
        string licenceNumber, string? lang, HttpContext http, ClaimsPrincipal user, LicenceApplicationsDbContext db,
        LicenceCredentialIssuer issuer, CredentialKeyRing keys, IOptions<VerificationOptions> verification,
        CertificateFonts fonts, CancellationToken ct)
    {
        var language = lang ?? FromAcceptLanguage(http.Request);
        if (!CertificatePdf.Languages.Contains(language))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["lang"] = ["The language is one of en, tk, ru."] });
        }

        var (facts, problem) = await FindAsync(licenceNumber, user, db, ct);
        if (facts is null)
        {
            return problem!;
        }

        if (fonts.Problem is { } missing)
        {
            return Problems.Create(503, "certificates-unavailable", "Certificates cannot be printed now.", missing);
        }

        var credential = issuer.Issue(facts);
        if (credential is null)
        {
            return Unavailable(keys.Problem);
        }

        var url = $"{verification.Value.PublicBaseUrl.TrimEnd('/')}/verify?credential={credential}";
        var pdf = CertificatePdf.Render(facts, keys.Issuer, url, language);
        http.Response.Headers[HeaderNames.ContentLanguage] = language;
        return TypedResults.File(pdf, "application/pdf", $"{licenceNumber}.pdf");
    }

    /// <summary>Owner or regulator; anyone else gets the same 404 as for a licence that does not exist.</summary>
    private static async Task<(LicenceFacts?, ProblemHttpResult?)> FindAsync(
        string licenceNumber, ClaimsPrincipal user, LicenceApplicationsDbContext db, CancellationToken ct)
    {
        var found = await (
                from l in db.Licences.AsNoTracking()
                where l.LicenceNumber == licenceNumber
                join t in db.LicenceTypes on l.LicenceType equals t.Code
                join c in db.Companies on l.RegistrationNumber equals c.RegistrationNumber into holders
                from c in holders.DefaultIfEmpty()
                select new { Licence = l, TypeName = t.Name, HolderName = c == null ? null : c.LegalName })
            .FirstOrDefaultAsync(ct);
        var visible = found is not null
            && (user.IsRegulator() || (user.IsBusiness() && found.Licence.OwnerSubject == user.GetSubject()));
        if (!visible)
        {
            return (null, Problems.NotFound($"Licence {licenceNumber} was not found."));
        }

        // The holder's name arrives with the company's registration (asked of the registry at submission).
        return found!.HolderName is null
            ? (null, Problems.Create(503, "registry-unavailable", "The holder's name is not known yet.", "Retry shortly."))
            : (new LicenceFacts(found.Licence, found.HolderName, found.TypeName), null);
    }

    private static ProblemHttpResult Unavailable(string? why) =>
        Problems.Create(503, "credentials-unavailable", "Licence credentials cannot be issued now.",
            why ?? "No credential signing key is configured.");

    private static string FromAcceptLanguage(HttpRequest request)
    {
        var wanted = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant());
        return wanted.FirstOrDefault(l => l is not null && CertificatePdf.Languages.Contains(l)) ?? "en";
    }
}

public sealed record VerifyCredentialRequest(string? Credential);

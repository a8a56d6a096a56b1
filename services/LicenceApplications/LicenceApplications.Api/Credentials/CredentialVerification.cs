using System.Text.Json.Nodes;

namespace LicenceApplications.Api.Credentials;

/// <summary>
/// The answer to "is this credential real, and is the licence still good?": the signature and the live
/// status side by side, because a revoked licence keeps a perfectly valid signature.
/// </summary>
public sealed record CredentialVerificationResponse(
    bool SignatureValid, string? Issuer, string? LicenceNumber, JsonObject? Claims, string? CurrentStatus, string? Reason);

public sealed class CredentialVerification(LicenceCredentialVerifier verifier, LicenceApplicationsDbContext db)
{
    /// <summary>Generous for a licence credential (about 1 KB) yet bounded: the body is anyone's to send.</summary>
    private const int MaxLength = 8192;

    /// <summary>Unknown: the signature is valid but this suite holds no such licence (for example another environment's).</summary>
    public const string UnknownStatus = "Unknown";

    public async Task<Outcome<CredentialVerificationResponse>> AnswerAsync(string? credential, CancellationToken ct)
    {
        credential = credential?.Trim();
        if (string.IsNullOrEmpty(credential) || credential.Length > MaxLength || !LicenceCredentialVerifier.LooksLikeJws(credential))
        {
            return Refusal.Invalid("credential", "A licence credential is a compact JWS (header.payload.signature) of at most 8192 characters.");
        }

        var check = await verifier.VerifyAsync(credential);
        if (!check.SignatureValid)
        {
            // Nothing from an unverified payload is echoed back as if it were a fact.
            return new CredentialVerificationResponse(false, null, null, null, null, check.Reason);
        }

        var licenceNumber = check.Claims!["credentialSubject"]?["licenceNumber"]?.GetValue<string>();
        var status = licenceNumber is null ? null : await db.Licences.AsNoTracking()
            .Where(l => l.LicenceNumber == licenceNumber).Select(l => (Domain.LicenceStatus?)l.Status).FirstOrDefaultAsync(ct);
        return new CredentialVerificationResponse(
            true, check.Claims["issuer"]!.GetValue<string>(), licenceNumber, check.Claims, status?.ToString() ?? UnknownStatus, null);
    }
}

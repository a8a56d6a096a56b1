using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G2B.VerifyCredential;

/// <summary>What an inspector's app can know without the network: is it genuine, and is it within its validity.</summary>
public sealed record Verdict(bool SignatureValid, bool WithinValidity, string? Issuer, string? LicenceNumber, string? HolderName,
    string? ValidFrom, string? ValidUntil, string Summary);

/// <summary>
/// Verifies a vc+jwt licence credential against a JWKS with a standard JOSE library and nothing of the
/// suite's own code, exactly as any third party would. Revocation cannot be known offline: the summary says so.
/// </summary>
public static class OfflineVerifier
{
    public static async Task<Verdict> VerifyAsync(string jwksJson, string credential, DateTimeOffset at, string? expectedIssuer = null)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(credential.Trim()))
        {
            return Invalid("Not a compact JWS (header.payload.signature).");
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["vc+jwt"],
            ValidateIssuer = false, // a VC names its issuer in "issuer", checked below
            ValidateAudience = false,
            ValidateLifetime = false, // validFrom/validUntil, checked below
            RequireExpirationTime = false,
        };
        var result = await handler.ValidateTokenAsync(credential.Trim(), parameters);
        if (!result.IsValid)
        {
            return Invalid($"Signature invalid: {result.Exception?.GetType().Name ?? "unknown"}. The credential was altered or not signed by a key in this JWKS.");
        }

        var vc = JsonNode.Parse(Base64UrlEncoder.Decode(((JsonWebToken)result.SecurityToken).EncodedPayload))!.AsObject();
        var issuer = Text(vc["issuer"]);
        if (expectedIssuer is not null && issuer != expectedIssuer)
        {
            return Invalid($"Signed, but by issuer {issuer}, not {expectedIssuer}.");
        }

        var subject = vc["credentialSubject"];
        var (from, until) = (Text(vc["validFrom"]), Text(vc["validUntil"]));
        var within = DateTimeOffset.TryParse(from, out var f) && DateTimeOffset.TryParse(until, out var u) && f <= at && at <= u;
        return new Verdict(true, within, issuer, Text(subject?["licenceNumber"]), Text(subject?["holder"]?["legalName"]), from, until,
            within
                ? "Genuine and within its validity. Offline, a suspension or revocation cannot be seen: check the status online when possible."
                : "Genuine, but outside its validity period.");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static Verdict Invalid(string summary) => new(false, false, null, null, null, null, null, summary);
}

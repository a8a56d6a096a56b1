using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LicenceApplications.Api.Credentials;

/// <summary>The facts a licence credential states about its holder.</summary>
public sealed record LicenceFacts(Licence Licence, string HolderLegalName, string LicenceTypeName);

/// <summary>
/// Builds a W3C VC 2.0 credential for a licence and secures it as VC-JOSE-COSE says: the JWS payload
/// is the credential itself (no <c>vc</c> wrapper), header <c>typ: vc+jwt</c>, <c>alg: ES256</c>,
/// <c>kid</c>. It is built from the licence row at request time, so a renewal (new validity) is
/// reflected in the next credential fetched.
/// </summary>
public sealed class LicenceCredentialIssuer(CredentialKeyRing keys, TimeProvider time)
{
    public const string MediaType = "application/vc+jwt";

    /// <summary>Null when no signing key is configured; <see cref="CredentialKeyRing.Problem"/> says why.</summary>
    public string? Issue(LicenceFacts facts)
    {
        var now = time.GetUtcNow();
        var key = keys.SigningKey(now);
        if (key is null || string.IsNullOrWhiteSpace(keys.Issuer))
        {
            return null;
        }

        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = key.Kid, ["typ"] = "vc+jwt" };
        return Sign(header, Credential(facts, now), key.Key);
    }

    public static string Sign(JsonObject header, JsonObject payload, ECDsa key)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        // .NET signs in IEEE P1363 form (r || s, 64 bytes for P-256), which is what JWS ES256 expects.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private JsonObject Credential(LicenceFacts facts, DateTimeOffset now)
    {
        var licence = facts.Licence;
        var validFrom = Timestamp(licence.ValidFrom.ToDateTime(TimeOnly.MinValue));
        // The licence's last day is inclusive: the credential stays valid to its end.
        var validUntil = Timestamp(licence.ValidUntil.ToDateTime(new TimeOnly(23, 59, 59)));
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = $"urn:uuid:{Guid.CreateVersion7(now)}",
            ["type"] = new JsonArray("VerifiableCredential", "LicenceCredential"),
            ["issuer"] = keys.Issuer,
            ["validFrom"] = validFrom,
            ["validUntil"] = validUntil,
            // When this credential was signed (JWT iat, which VC-JOSE-COSE allows beside the credential).
            ["iat"] = now.ToUnixTimeSeconds(),
            ["credentialSubject"] = new JsonObject
            {
                ["licenceNumber"] = licence.LicenceNumber,
                ["licenceType"] = licence.LicenceType,
                ["licenceTypeName"] = facts.LicenceTypeName,
                ["holder"] = new JsonObject
                {
                    ["legalName"] = facts.HolderLegalName,
                    ["registrationNumber"] = licence.RegistrationNumber,
                },
                ["validFrom"] = licence.ValidFrom.ToString("yyyy-MM-dd"),
                ["validUntil"] = licence.ValidUntil.ToString("yyyy-MM-dd"),
                ["issuedAt"] = Timestamp(licence.IssuedAt.UtcDateTime),
            },
        };
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LicenceApplications.Api.Credentials;

public sealed record CredentialCheck(bool SignatureValid, JsonObject? Claims, string? Reason);

/// <summary>
/// Checks a credential the way any verifier with the JWKS would, with a standard JOSE library
/// (Microsoft.IdentityModel): ES256 only, <c>typ: vc+jwt</c>, the key chosen by <c>kid</c> among the
/// published keys. Lifetime is not a signature matter: <c>validUntil</c> is in the claims and the live
/// status is reported beside them.
/// </summary>
public sealed class LicenceCredentialVerifier(CredentialKeyRing keys)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>False when the text is not a compact JWS at all (a caller error, not a failed signature).</summary>
    public static bool LooksLikeJws(string credential) =>
        credential.Count(c => c == '.') == 2 && Handler.CanReadToken(credential);

    public async Task<CredentialCheck> VerifyAsync(string credential)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keys.Keys.Select(k => new ECDsaSecurityKey(k.Key) { KeyId = k.Kid }).ToList(),
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["vc+jwt"],
            // The VC names its issuer in "issuer", not "iss"; it is compared below.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        };
        var result = await Handler.ValidateTokenAsync(credential, parameters);
        if (!result.IsValid)
        {
            return new CredentialCheck(false, null, result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException => "The credential was not signed by a published key.",
                SecurityTokenInvalidTypeException => "The credential is not of type vc+jwt.",
                SecurityTokenInvalidAlgorithmException => "The credential is not signed with ES256.",
                _ => "The signature does not match the credential's content.",
            });
        }

        var token = (JsonWebToken)result.SecurityToken;
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)) as JsonObject;
        if (claims?["issuer"]?.GetValueKind() != JsonValueKind.String || (string?)claims["issuer"] != keys.Issuer)
        {
            return new CredentialCheck(false, null, "The credential names another issuer than this suite.");
        }

        return new CredentialCheck(true, claims, null);
    }
}

using G2B.ServiceDefaults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G2B.DevIdentity;

/// <summary>
/// Mints the access tokens of <c>POST /dev/token</c> with the provider's own signing key, issuer and audience,
/// so they verify exactly as the code flow's do (sub, role, iss, aud, exp).
/// </summary>
public sealed class DevTokenIssuer(DevKeys keys, IOptions<DevIdentityOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static readonly IReadOnlySet<string> AllowedRoles =
        new HashSet<string>(StringComparer.Ordinal) { AuthPolicies.Business, AuthPolicies.Regulator };

    public int LifetimeSeconds => options.Value.TokenLifetimeSeconds;

    public string Audience => options.Value.Audience ?? string.Empty;

    /// <summary>The issuer as every token and the discovery document spell it.</summary>
    public string Issuer => DevIdentityServer.IssuerUri(options.Value).AbsoluteUri;

    public string CreateToken(string subject, IReadOnlyCollection<string> roles) => CreateToken(Issuer, subject, roles);

    public string CreateToken(string issuer, string subject, IReadOnlyCollection<string> roles) =>
        CreateToken(new DevTokenSpec(issuer, Audience, subject, roles,
            clock.GetUtcNow(), clock.GetUtcNow().AddSeconds(LifetimeSeconds)));

    /// <summary>Full control over the claims, for tests that need expired or foreign-audience tokens.</summary>
    public string CreateToken(DevTokenSpec spec)
    {
        var claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("N") };
        // A null subject leaves the claim out: tests prove such a token is refused everywhere.
        if (spec.Subject is not null)
        {
            claims[G2BClaims.Subject] = spec.Subject;
        }

        if (spec.Roles.Count == 1)
        {
            claims[G2BClaims.Role] = spec.Roles.First();
        }
        else if (spec.Roles.Count > 1)
        {
            claims[G2BClaims.Role] = spec.Roles.ToArray();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            Claims = claims,
            IssuedAt = spec.NotBefore.UtcDateTime,
            NotBefore = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires.UtcDateTime,
            SigningCredentials = keys.SigningCredentials,
        });
    }
}

public sealed record DevTokenSpec(
    string Issuer,
    string Audience,
    string? Subject,
    IReadOnlyCollection<string> Roles,
    DateTimeOffset NotBefore,
    DateTimeOffset Expires);

using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LicenceApplications.Api.Credentials;

public sealed record CredentialKey(string Kid, ECDsa Key, bool HasPrivateKey, DateTimeOffset? ActiveFrom);

/// <summary>
/// The keys read once from configuration. A missing or unreadable key does not stop the service
/// (applications, payments and verification against published keys carry on): issuing answers 503
/// with <see cref="Problem"/>, and start-up logs it.
/// </summary>
public sealed class CredentialKeyRing
{
    private readonly List<CredentialKey> _keys = [];
    private readonly List<string> _problems = [];

    public CredentialKeyRing(IOptions<CredentialOptions> options, IOptions<VerificationOptions> verification)
    {
        var settings = options.Value;
        Issuer = string.IsNullOrWhiteSpace(settings.Issuer) ? verification.Value.PublicBaseUrl.TrimEnd('/') : settings.Issuer;
        foreach (var key in settings.SigningKeys)
        {
            Load(key.Kid, key.PrivateKeyPem, privateKey: true, key.ActiveFrom);
        }

        foreach (var key in settings.PublishedKeys)
        {
            Load(key.Kid, key.PublicKeyPem, privateKey: false, activeFrom: null);
        }

        if (string.IsNullOrWhiteSpace(Issuer))
        {
            _problems.Add("Neither Credentials:Issuer nor Verification:PublicBaseUrl is configured.");
        }

        if (!_keys.Any(k => k.HasPrivateKey))
        {
            _problems.Add("No credential signing key is configured (Credentials:SigningKeys).");
        }
    }

    public string Issuer { get; }

    /// <summary>Why credentials cannot be issued, or null when they can.</summary>
    public string? Problem => _problems.Count == 0 ? null : string.Join(" ", _problems);

    public IReadOnlyList<CredentialKey> Keys => _keys;

    /// <summary>The newest signing key already active at <paramref name="now"/>; later keys are published only.</summary>
    public CredentialKey? SigningKey(DateTimeOffset now) => _keys
        .Where(k => k.HasPrivateKey && (k.ActiveFrom is null || k.ActiveFrom <= now))
        .Select((k, index) => (k, index))
        .OrderBy(x => x.k.ActiveFrom ?? DateTimeOffset.MinValue).ThenBy(x => x.index)
        .Select(x => x.k)
        .LastOrDefault();

    public CredentialKey? Find(string kid) => _keys.FirstOrDefault(k => k.Kid == kid);

    /// <summary>RFC 7517 public keys only: the private parts never leave this service.</summary>
    public object Jwks() => new
    {
        keys = _keys.Select(k =>
        {
            var p = k.Key.ExportParameters(includePrivateParameters: false);
            return new
            {
                kty = "EC", crv = "P-256", alg = "ES256", use = "sig", kid = k.Kid,
                x = Base64Url.EncodeToString(p.Q.X), y = Base64Url.EncodeToString(p.Q.Y),
            };
        }).ToList(),
    };

    private void Load(string kid, string pem, bool privateKey, DateTimeOffset? activeFrom)
    {
        if (string.IsNullOrWhiteSpace(kid) || _keys.Any(k => k.Kid == kid))
        {
            _problems.Add($"A credential key has an empty or repeated kid ('{kid}').");
            return;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("the key is not on P-256, which ES256 requires");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            _problems.Add($"Credential key '{kid}' cannot be read: {ex.Message}");
            return;
        }

        _keys.Add(new CredentialKey(kid, key, privateKey, activeFrom));
    }
}

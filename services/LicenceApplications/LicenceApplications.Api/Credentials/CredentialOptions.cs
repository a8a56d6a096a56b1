namespace LicenceApplications.Api.Credentials;

/// <summary>
/// <c>Credentials</c> configuration. Keys come from configuration (a Kubernetes Secret in production),
/// never from the process itself: a key generated at start would die with the pod and orphan every
/// credential it signed.
/// </summary>
public sealed class CredentialOptions
{
    /// <summary>The VC <c>issuer</c>; empty means <c>Verification:PublicBaseUrl</c>, where the JWKS is published.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Private keys this service may sign with; the newest one whose <see cref="SigningKeyOptions.ActiveFrom"/> has come signs.</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Retired public keys, still published so credentials they signed keep verifying.</summary>
    public List<PublishedKeyOptions> PublishedKeys { get; set; } = [];
}

public sealed class SigningKeyOptions
{
    public string Kid { get; set; } = "";

    /// <summary>A P-256 private key, PKCS#8 or SEC1 PEM.</summary>
    public string PrivateKeyPem { get; set; } = "";

    /// <summary>
    /// Null: active at once. A later time lets a new key be published ahead of use (verifiers with a
    /// cached JWKS pick it up) before it starts signing.
    /// </summary>
    public DateTimeOffset? ActiveFrom { get; set; }
}

public sealed class PublishedKeyOptions
{
    public string Kid { get; set; } = "";

    /// <summary>A P-256 public key (SubjectPublicKeyInfo PEM).</summary>
    public string PublicKeyPem { get; set; } = "";
}

public sealed class VerificationOptions
{
    /// <summary>Where people and apps reach the suite (the gateway, or the portal in front of it).</summary>
    public string PublicBaseUrl { get; set; } = "";
}

namespace G2B.DevIdentity;

/// <summary>Settings under <c>DevIdentity</c>.</summary>
public sealed class DevIdentityOptions
{
    public const string Section = "DevIdentity";

    /// <summary>The provider refuses to start unless this is set: it belongs to local runs and tests only.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The issuer the services trust (their <c>Auth:Authority</c>): the public address of this provider's
    /// <c>/dev</c> prefix, e.g. <c>http://127.0.0.1:8080/dev</c> behind the gateway.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of access tokens and the name of the API scope (the services' <c>Auth:Audience</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>Folder of the signing and encryption keys (PEM), created when missing; empty: keys live in memory only.</summary>
    public string? KeyDirectory { get; set; }

    public int TokenLifetimeSeconds { get; set; } = 3600;

    public int RefreshTokenLifetimeSeconds { get; set; } = 8 * 3600;

    /// <summary>Confidential clients by client id (<c>DevIdentity:Clients:portal:...</c>).</summary>
    public Dictionary<string, DevClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DevClientOptions
{
    public string? Secret { get; set; }

    /// <summary>Exact redirect URIs (no wildcards, compared ordinally as RFC 9700 asks).</summary>
    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Shown on the sign-in page ("... to continue to {DisplayName}").</summary>
    public string? DisplayName { get; set; }
}

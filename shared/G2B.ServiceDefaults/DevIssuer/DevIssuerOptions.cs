using Microsoft.Extensions.Configuration;

namespace G2B.ServiceDefaults;

/// <summary>Settings under <c>Auth:DevIssuer</c>; the audience is <c>Auth:Audience</c>.</summary>
public sealed class DevIssuerOptions
{
    public const string Section = "Auth:DevIssuer";

    public bool Enabled { get; set; }

    /// <summary>Issuer value; when empty it is derived from the request (scheme, host, path base + /dev).</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM file of the RSA signing key, created when missing; when empty the key lives only in memory.</summary>
    public string? KeyPath { get; set; }

    public string? Audience { get; set; }

    public int TokenLifetimeSeconds { get; set; } = 3600;

    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{Section}:Enabled", false);
}

namespace G2B.DevIdentity;

/// <summary>
/// Every endpoint lives under <c>/dev</c>, the prefix the gateway forwards to this provider. The endpoint names
/// are relative to that prefix here and to the issuer in the discovery document.
/// </summary>
public static class DevIdentityPaths
{
    public const string Prefix = "/dev";

    public const string Configuration = ".well-known/openid-configuration";
    public const string Jwks = "jwks";
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string EndSession = "connect/logout";
    public const string UserInfo = "connect/userinfo";

    /// <summary>The path a request arrives on, e.g. <c>/dev/connect/authorize</c>.</summary>
    public static string Local(string endpoint) => $"{Prefix}/{endpoint}";

    /// <summary>Where the endpoint is published: under the issuer, whichever host the request reached.</summary>
    public static Uri Public(Uri issuer, string endpoint) => new(issuer.AbsoluteUri.TrimEnd('/') + "/" + endpoint);
}

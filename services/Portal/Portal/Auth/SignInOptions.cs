namespace Portal.Auth;

/// <summary>
/// OpenID Connect client settings. The authority is the one the APIs trust (<c>Auth:Authority</c>); the client
/// id and secret are the portal's own (<c>Portal:ClientId</c>, <c>Portal:ClientSecret</c>).
/// </summary>
public sealed class SignInOptions
{
    public string Authority { get; set; } = "";

    public bool RequireHttpsMetadata { get; set; } = true;

    public string ClientId { get; set; } = "portal";

    public string ClientSecret { get; set; } = "";

    /// <summary>The scope that puts the API's audience into the access token (<c>Portal:ApiScope</c>, else <c>Auth:Audience</c>).</summary>
    public string? ApiScope { get; set; }

    /// <summary>The authority's scheme, host and port, which forms may be sent to (sign-out); null when unset.</summary>
    public string? AuthorityOrigin =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    public static SignInOptions From(IConfiguration configuration) => new()
    {
        Authority = configuration["Auth:Authority"] ?? "",
        RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true),
        ClientId = configuration["Portal:ClientId"] is { Length: > 0 } id ? id : "portal",
        ClientSecret = configuration["Portal:ClientSecret"] ?? "",
        ApiScope = configuration["Portal:ApiScope"] is { Length: > 0 } scope ? scope : configuration["Auth:Audience"],
    };
}

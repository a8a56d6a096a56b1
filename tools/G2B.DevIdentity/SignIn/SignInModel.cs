namespace G2B.DevIdentity;

public sealed record LanguageLink(string Culture, string Label, string Href, bool Current);

/// <summary>What the sign-in page shows; error entries are keys of <see cref="SignInText"/>.</summary>
public sealed record SignInModel(
    string Action,
    IReadOnlyList<KeyValuePair<string, string>> Hidden,
    string? ClientName,
    IReadOnlyList<LanguageLink> Languages,
    string TypedName,
    string? TypedRole,
    IReadOnlySet<string> Errors)
{
    public const string NameInvalid = "Error_Name";
    public const string RoleInvalid = "Error_Role";
    public const string PersonUnknown = "Error_Person";
}

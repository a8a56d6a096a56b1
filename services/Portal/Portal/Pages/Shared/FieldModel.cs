namespace Portal.Pages.Shared;

/// <summary>One labelled form field for <c>_Field.cshtml</c>: the label, hint and error are wired to the input for screen readers.</summary>
public sealed record FieldModel(string Id, string Name, string Label, string? Value, string? Error, string? Hint = null)
{
    public string Type { get; init; } = "text";

    public string? Autocomplete { get; init; }

    public string? InputMode { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>CSS width class (e.g. <c>input--short</c>).</summary>
    public string? Width { get; init; }

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids
            ? ids
            : null;
}

/// <summary>A link in the header's navigation; the layout shows those whose role the person has.</summary>
public sealed record NavItem(string Href, string TextKey, string Role);

public static class Navigation
{
    /// <summary>The header's links: add a page's entry here (docs/portal.md, "How to add a page").</summary>
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("/dashboard", "Nav_Dashboard", G2B.ServiceDefaults.AuthPolicies.Business),
        new("/companies/register", "Nav_Register", G2B.ServiceDefaults.AuthPolicies.Business),
        new("/applications/new", "Nav_Apply", G2B.ServiceDefaults.AuthPolicies.Business),
        new("/regulator/companies", "Nav_Registry", G2B.ServiceDefaults.AuthPolicies.Regulator),
        new("/regulator/reviews", "Nav_Reviews", G2B.ServiceDefaults.AuthPolicies.Regulator),
        new("/regulator/licences", "Nav_Licences", G2B.ServiceDefaults.AuthPolicies.Regulator),
        new("/regulator/payments/exceptions", "Nav_PaymentExceptions", G2B.ServiceDefaults.AuthPolicies.Regulator),
    ];
}

/// <summary>
/// A file field for <c>_FileField.cshtml</c>: PDF, PNG or JPEG (what the API accepts). With script, a file larger than
/// the portal's upload routes let through is refused before it is sent (<see cref="Business.DocumentUpload.PortalLimitBytes"/>).
/// </summary>
public sealed record FileFieldModel(string Id, string Name, string Label, string? Hint, string? Error)
{
    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids
            ? ids
            : null;
}

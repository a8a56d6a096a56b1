using Portal.Api;

namespace Portal.Pages.Business.Companies;

/// <summary>The registration form as posted; every field is kept as typed so a refused form comes back filled in.</summary>
public sealed class RegistrationForm
{
    public static readonly IReadOnlyList<string> LegalForms = ["LLC", "JSC", "SoleProprietor", "Partnership", "Branch"];

    /// <summary>The API's field names -> this form's field ids (the error summary links to them).</summary>
    public static readonly IReadOnlyDictionary<string, string> ApiFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["legalName"] = "legalName",
        ["legalForm"] = "legalForm",
        ["taxId"] = "taxId",
        ["address"] = "line1",
        ["address.line1"] = "line1",
        ["address.line2"] = "line2",
        ["address.city"] = "city",
        ["address.region"] = "region",
        ["address.postalCode"] = "postalCode",
        ["address.country"] = "country",
        ["activityCodes"] = "activitySearch",
        ["contactEmail"] = "contactEmail",
        ["preferredLanguage"] = "preferredLanguage",
    };

    public string? LegalName { get; set; }

    public string? LegalForm { get; set; }

    public string? TaxId { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; } = "TM";

    public string? ContactEmail { get; set; }

    public string? PreferredLanguage { get; set; }

    public List<string> ActivityCodes { get; set; } = [];

    public string? ActivitySearch { get; set; }

    public RegisterCompanyDto ToRequest() => new(
        LegalName?.Trim() ?? "",
        LegalForm ?? "",
        TaxId?.Trim() ?? "",
        new AddressDto(Line1, Blank(Line2), City, Blank(Region), Blank(PostalCode), Blank(Country)),
        [.. ActivityCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()],
        Blank(ContactEmail),
        PreferredLanguage ?? "en");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

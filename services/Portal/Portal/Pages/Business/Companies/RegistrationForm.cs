using static Portal.Pages.Shared.FormInput;

namespace Portal.Pages.Business.Companies;

/// <summary>
/// What registering a company and changing its details share: the legal name, the address and the activities (the
/// picker). Every field is kept as typed so a refused form comes back filled in.
/// </summary>
public abstract class CompanyForm
{
    /// <summary>The API's field names -> the forms' field ids (the error summary links to them).</summary>
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

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; } = "TM";

    public List<string> ActivityCodes { get; set; } = [];

    public string? ActivitySearch { get; set; }

    public AddressDto Address() => new(Line1?.Trim(), Blank(Line2), City?.Trim(), Blank(Region), Blank(PostalCode), Blank(Country));

    public List<string> Codes() => [.. ActivityCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()];
}

/// <summary>The registration form as posted.</summary>
public sealed class RegistrationForm : CompanyForm
{
    public static readonly IReadOnlyList<string> LegalForms = ["LLC", "JSC", "SoleProprietor", "Partnership", "Branch"];

    public string? LegalForm { get; set; }

    public string? TaxId { get; set; }

    public string? ContactEmail { get; set; }

    public string? PreferredLanguage { get; set; }

    public RegisterCompanyDto ToRequest() => new(
        LegalName?.Trim() ?? "",
        LegalForm ?? "",
        TaxId?.Trim() ?? "",
        Address(),
        Codes(),
        Blank(ContactEmail),
        PreferredLanguage ?? "en");
}

/// <summary>The change of a company's details as posted: what the API lets its owner amend and the portal can show (PATCH).</summary>
public sealed class CompanyDetailsForm : CompanyForm
{
    public static CompanyDetailsForm From(CompanyDto company) => new()
    {
        LegalName = company.LegalName,
        Line1 = company.Address.Line1,
        Line2 = company.Address.Line2,
        City = company.Address.City,
        Region = company.Address.Region,
        PostalCode = company.Address.PostalCode,
        Country = company.Address.Country,
        ActivityCodes = [.. company.ActivityCodes],
    };

    /// <summary>Only what differs from the company as it is (merge-patch: what is left out stays); null when nothing does.</summary>
    public AmendCompanyDto? Changes(CompanyDto company)
    {
        var name = LegalName?.Trim() ?? "";
        var address = Address();
        var codes = Codes();
        var changes = new AmendCompanyDto(
            name == company.LegalName ? null : name,
            Same(address, company.Address) ? null : address,
            codes.ToHashSet(StringComparer.Ordinal).SetEquals(company.ActivityCodes) ? null : codes);
        return changes is { LegalName: null, Address: null, ActivityCodes: null } ? null : changes;
    }

    private static bool Same(AddressDto a, AddressDto b) =>
        Text(a.Line1) == Text(b.Line1) && Text(a.Line2) == Text(b.Line2) && Text(a.City) == Text(b.City)
        && Text(a.Region) == Text(b.Region) && Text(a.PostalCode) == Text(b.PostalCode) && Text(a.Country) == Text(b.Country);

    private static string Text(string? value) => value?.Trim() ?? "";
}

using System.Text.RegularExpressions;
using CompanyRegistry.Api.Companies;
using Microsoft.Extensions.Options;

namespace CompanyRegistry.Api.Registration;

/// <summary>A registration request that passed validation, in canonical form.</summary>
public sealed record ValidRegistration(
    string LegalName, LegalForm LegalForm, string TaxId, Address Address, IReadOnlyList<string> ActivityCodes,
    string? ContactEmail = null, string PreferredLanguage = "en");

/// <summary>Problems found in a request, keyed by the JSON path of the field, so all are reported at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _found = [];

    public int Count => _found.Count;

    public void Add(string field, string message) =>
        (_found.TryGetValue(field, out var list) ? list : _found[field] = []).Add(message);

    public Dictionary<string, string[]> ToDictionary() => _found.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>
/// Checks every field of a registration. The rules for the fields an owner may later amend
/// (<see cref="CheckLegalName"/>, <see cref="CheckAddress"/>, <see cref="CheckActivityCodes"/>) are public so an
/// amendment is held to exactly the same ones.
/// </summary>
public sealed partial class RegistrationValidator(ActivityCodeCatalog catalog, IOptions<RegistryOptions> options)
{
    public const int MaxActivityCodes = 20;
    private readonly Regex _taxId = new(options.Value.TaxIdPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public ValidRegistration? Validate(RegisterCompanyRequest request, out Dictionary<string, string[]> errors)
    {
        var found = new FieldErrors();
        var legalName = CheckLegalName(request.LegalName, found);

        LegalForm legalForm = default;
        if (string.IsNullOrWhiteSpace(request.LegalForm))
        {
            found.Add("legalForm", "The legal form is required.");
        }
        else if (!EnumNames.TryParse(request.LegalForm, ignoreCase: false, out legalForm))
        {
            found.Add("legalForm", $"The legal form must be one of {string.Join(", ", Enum.GetNames<LegalForm>())}.");
        }

        var taxId = request.TaxId?.Trim() ?? "";
        if (taxId.Length == 0)
        {
            found.Add("taxId", "The tax id is required.");
        }
        else if (taxId.Length > 32 || !taxId.All(char.IsAscii) || !_taxId.IsMatch(taxId))
        {
            found.Add("taxId", $"The tax id does not have the expected format ({options.Value.TaxIdPattern}).");
        }

        var address = CheckAddress(request.Address, found);
        var codes = CheckActivityCodes(request.ActivityCodes, found);
        var (contactEmail, language) = ContactValidation.Validate(request.ContactEmail, request.PreferredLanguage, found.Add);

        errors = found.ToDictionary();
        return errors.Count > 0 ? null : new ValidRegistration(legalName, legalForm, taxId, address!, codes, contactEmail, language);
    }

    /// <summary>The display form of a legal name (single spaces), checked.</summary>
    public static string CheckLegalName(string? value, FieldErrors errors)
    {
        var legalName = NameNormalizer.CollapseWhitespace(value ?? "");
        if (legalName.Length == 0)
        {
            errors.Add("legalName", "The legal name is required.");
        }
        else if (legalName.Length is < 2 or > 200)
        {
            errors.Add("legalName", "The legal name must be 2 to 200 characters long.");
        }
        else if (!legalName.Any(char.IsLetterOrDigit))
        {
            errors.Add("legalName", "The legal name must contain letters or digits.");
        }
        return legalName;
    }

    public Address? CheckAddress(AddressDto? dto, FieldErrors errors)
    {
        var fail = errors.Add;
        if (dto is null)
        {
            fail("address", "The address is required.");
            return null;
        }
        string? Text(string? value, string field, int max, bool required)
        {
            var text = NameNormalizer.CollapseWhitespace(value ?? "");
            if (text.Length == 0)
            {
                if (required)
                {
                    fail(field, "This field is required.");
                }
                return null;
            }
            if (text.Length > max)
            {
                fail(field, $"At most {max} characters.");
            }
            return text;
        }
        var line1 = Text(dto.Line1, "address.line1", 200, required: true);
        var line2 = Text(dto.Line2, "address.line2", 200, required: false);
        var city = Text(dto.City, "address.city", 100, required: true);
        var region = Text(dto.Region, "address.region", 100, required: false);
        var postalCode = Text(dto.PostalCode, "address.postalCode", 20, required: false);
        var country = string.IsNullOrWhiteSpace(dto.Country) ? options.Value.DefaultCountry : dto.Country.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(country))
        {
            fail("address.country", "The country must be an ISO 3166-1 alpha-2 code.");
        }
        return new Address(line1 ?? "", line2, city ?? "", region, postalCode, country);
    }

    /// <summary>The distinct codes in the order given, each checked against the shipped classification.</summary>
    public List<string> CheckActivityCodes(IReadOnlyList<string?>? codes, FieldErrors errors)
    {
        var fail = errors.Add;
        var result = new List<string>();
        if (codes is null || codes.Count == 0)
        {
            fail("activityCodes", "At least one activity code is required.");
            return result;
        }
        if (codes.Count > MaxActivityCodes)
        {
            fail("activityCodes", $"At most {MaxActivityCodes} activity codes.");
            return result;
        }
        foreach (var raw in codes)
        {
            var code = raw?.Trim() ?? "";
            var shown = code.Length > 12 ? code[..12] + "…" : code;
            if (!CodeFormat().IsMatch(code))
            {
                fail("activityCodes", $"'{shown}' is not a NACE Rev. 2 class code (NN.NN).");
            }
            else if (!catalog.Contains(code))
            {
                fail("activityCodes", $"'{shown}' is not a class of the classification the registry uses (see /api/activity-codes).");
            }
            else if (!result.Contains(code))
            {
                result.Add(code);
            }
        }
        return result;
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeFormat();
}

using System.Text.Json;
using CompanyRegistry.Api.Companies;
using CompanyRegistry.Api.Registration;

namespace CompanyRegistry.Api.Amendments;

/// <summary>
/// Reads a <c>PATCH /api/companies/{registrationNumber}</c> body, merge-patch style: a member that is
/// absent is left alone, <c>"contactEmail": null</c> clears the address, <c>"preferredLanguage": null</c>
/// returns to the default (en). Each given field is held to the registration's rules; a member that
/// names no amendable field is refused rather than ignored, so a typo or an attempt to change the tax
/// id is not answered with a silent 200.
/// </summary>
public sealed class AmendmentReader(RegistrationValidator registration)
{
    private static readonly string Amendable = string.Join(", ", CompanyAmendment.Fields.All);

    public CompanyAmendment? Read(JsonElement body, out Dictionary<string, string[]> errors)
    {
        var found = new FieldErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            found.Add("$", "The body must be a JSON object.");
            errors = found.ToDictionary();
            return null;
        }

        string? legalName = null, contactEmail = null, language = null;
        Address? address = null;
        IReadOnlyList<string>? codes = null;
        var setsContactEmail = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in body.EnumerateObject())
        {
            // (The body's reader has already refused such text in a member's name.)
            if (!IsValidText(member.Value))
            {
                found.Add(member.Name, "Holds text that is not valid Unicode (an unpaired surrogate).");
                continue;
            }

            // Names match in any case, as the registration body's do.
            var field = CompanyAmendment.Fields.All.FirstOrDefault(f => string.Equals(f, member.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                found.Add(member.Name, $"This field cannot be amended; the amendable fields are {Amendable}.");
                continue;
            }
            if (!seen.Add(field))
            {
                found.Add(field, "This field is given more than once.");
                continue;
            }

            var value = member.Value;
            if (!HasExpectedKind(field, value, found))
            {
                continue;
            }
            switch (field)
            {
                case CompanyAmendment.Fields.LegalName:
                    legalName = RegistrationValidator.CheckLegalName(value.GetString(), found);
                    break;
                case CompanyAmendment.Fields.Address:
                    address = registration.CheckAddress(value.Deserialize<AddressDto>(JsonSerializerOptions.Web), found);
                    break;
                case CompanyAmendment.Fields.ActivityCodes:
                    codes = registration.CheckActivityCodes([.. value.EnumerateArray().Select(c => c.GetString())], found);
                    break;
                case CompanyAmendment.Fields.ContactEmail:
                    setsContactEmail = true;
                    contactEmail = ContactValidation.Validate(value.GetString(), null, found.Add).Email;
                    break;
                default:
                    language = ContactValidation.Validate(null, value.GetString(), found.Add).Language;
                    break;
            }
        }
        if (seen.Count == 0 && found.Count == 0)
        {
            found.Add("$", $"Name at least one field to amend: {Amendable}.");
        }

        errors = found.ToDictionary();
        return errors.Count > 0 ? null : new CompanyAmendment(legalName, address, codes, setsContactEmail, contactEmail, language);
    }

    /// <summary>
    /// Whether every string in <paramref name="value"/> is text: JSON may escape an unpaired UTF-16 surrogate
    /// ("\ud800"), which the reader refuses to turn into a string.
    /// </summary>
    private static bool IsValidText(JsonElement value)
    {
        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is not null,
                JsonValueKind.Array => value.EnumerateArray().All(IsValidText),
                JsonValueKind.Object => value.EnumerateObject().All(p => IsValidText(p.Value)),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The JSON kinds a field may have. The name, address and codes can be replaced but not removed; the
    /// address's parts and the codes are strings (null stands for a missing one, as at registration).
    /// </summary>
    private static bool HasExpectedKind(string field, JsonElement value, FieldErrors errors)
    {
        var (kind, parts) = field switch
        {
            CompanyAmendment.Fields.LegalName => (JsonValueKind.String, null),
            CompanyAmendment.Fields.Address => (JsonValueKind.Object, value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Value) : null),
            CompanyAmendment.Fields.ActivityCodes => (JsonValueKind.Array, value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : null),
            _ => (JsonValueKind.String, (IEnumerable<JsonElement>?)null),
        };
        var nullable = field is CompanyAmendment.Fields.ContactEmail or CompanyAmendment.Fields.PreferredLanguage;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                errors.Add(field, "This field cannot be removed, only replaced.");
            }
            return nullable;
        }
        if (value.ValueKind != kind)
        {
            errors.Add(field, nullable ? "Must be a string or null." : $"Must be a JSON {kind.ToString().ToLowerInvariant()}.");
            return false;
        }
        if (parts is not null && !parts.All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Null))
        {
            errors.Add(field, "Every value must be a string.");
            return false;
        }
        return true;
    }
}

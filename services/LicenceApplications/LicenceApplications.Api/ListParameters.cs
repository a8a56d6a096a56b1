using System.Globalization;
using System.Security.Claims;

namespace LicenceApplications.Api;

/// <summary>
/// Query-string values of the list endpoints, read as text so "abc", "1e2" or "7" is a field error in
/// the 400 problem (with every other bad field), not a binder failure.
/// </summary>
internal static class ListParameters
{
    /// <summary>
    /// Whose rows a list shows the caller: every holder's to a regulator (<paramref name="owner"/> null), its own
    /// to a business. Anyone else may not list (false).
    /// </summary>
    public static bool TryGetOwnerScope(ClaimsPrincipal user, out string? owner)
    {
        owner = user.IsRegulator() ? null : user.GetSubject();
        return user.IsRegulator() || user.IsBusiness();
    }

    public static int Limit(string? limit, Dictionary<string, string[]> errors)
    {
        var take = 20;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 100))
        {
            errors["limit"] = ["limit must be a whole number between 1 and 100."];
        }

        return take;
    }

    public static TEnum? Status<TEnum>(string? status, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }

        if (EnumNames.TryParse<TEnum>(status, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        errors["status"] = [$"Unknown status '{status}'."];
        return null;
    }

    public static bool? Flag(string field, string? value, Dictionary<string, string[]> errors)
    {
        switch (value)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors[field] = [$"{field} is true or false."];
                return null;
        }
    }

    /// <summary>PostgreSQL text cannot hold NUL: such a value is refused here rather than failing in the query.</summary>
    public static void NoControlCharacters(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is not null && value.Any(char.IsControl))
        {
            errors[field] = ["Control characters are not allowed."];
        }
    }
}

namespace G2B.ServiceDefaults;

/// <summary>
/// Reads an enum value from one of its declared names only. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also takes numbers ("1") and comma lists ("Active,Suspended", which it ORs into whatever value that makes,
/// declared or not), neither of which a caller of the API means.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? text, bool ignoreCase, out TEnum value)
        where TEnum : struct, Enum
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var wanted = text?.Trim();
        var name = wanted is null ? null : Array.Find(Enum.GetNames<TEnum>(), n => n.Equals(wanted, comparison));
        value = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}

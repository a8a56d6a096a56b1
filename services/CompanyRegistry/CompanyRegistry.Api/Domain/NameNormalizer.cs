using System.Globalization;
using System.Text;

namespace CompanyRegistry.Api.Domain;

/// <summary>
/// Two forms of a legal name: the display form (trimmed, single spaces) and the comparison form
/// (also lower case and without accents) that the unique index and the trigram search use.
/// Kept in the application instead of an <c>unaccent</c> wrapper so the seed tool, the search
/// query and the index all use exactly the same rule.
/// </summary>
public static class NameNormalizer
{
    public static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(ch);
        }
        return builder.ToString();
    }

    public static string ForComparison(string value)
    {
        var decomposed = CollapseWhitespace(value).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(ch switch
            {
                // Letters that do not decompose into base + mark.
                'ı' => 'i',
                'ø' or 'Ø' => 'o',
                'ß' => 's',
                'đ' or 'Đ' => 'd',
                'ł' or 'Ł' => 'l',
                _ => char.ToLowerInvariant(ch),
            });
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

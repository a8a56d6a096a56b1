using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CompanyRegistry.Api.Domain;

/// <summary>
/// Registration numbers like <c>RC-2026-000123-K</c>: year, a per-year sequence and a check letter.
/// The check letter is a weighted sum of the ten digits modulo 23 (a prime): with distinct weights
/// every single-digit typo and every swap of two adjacent digits changes it.
/// </summary>
public static partial class RegistrationNumber
{
    // 23 letters: I, O and U are left out because they are read as 1, 0 and V.
    private const string CheckAlphabet = "ABCDEFGHJKLMNPQRSTVWXYZ";

    public static string Format(int year, long sequence)
    {
        var digits = year.ToString("D4", CultureInfo.InvariantCulture) + sequence.ToString("D6", CultureInfo.InvariantCulture);
        return $"RC-{digits[..4]}-{digits[4..]}-{CheckCharacter(digits)}";
    }

    public static char CheckCharacter(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * (i + 1);
        }
        return CheckAlphabet[sum % CheckAlphabet.Length];
    }

    /// <summary>Accepts any case and surrounding spaces; returns the canonical form when the check letter matches.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }
        var match = Pattern().Match(input.Trim().ToUpperInvariant());
        if (!match.Success)
        {
            return false;
        }
        var digits = match.Groups["year"].Value + match.Groups["seq"].Value;
        if (CheckCharacter(digits) != match.Groups["check"].Value[0])
        {
            return false;
        }
        normalized = match.Value;
        return true;
    }

    [GeneratedRegex(@"^RC-(?<year>\d{4})-(?<seq>\d{6,9})-(?<check>[A-Z])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

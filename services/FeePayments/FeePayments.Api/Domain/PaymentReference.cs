using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FeePayments.Api.Domain;

/// <summary>
/// ISO 11649 creditor reference: <c>RF</c> + two check digits + 1..21 alphanumerics, valid when the
/// MOD 97-10 remainder of the rearranged number is 1 (the IBAN algorithm of ISO 7064).
/// </summary>
public static class PaymentReference
{
    public const int MaxBodyLength = 21;

    /// <summary>Builds the canonical (upper-case, no spaces) reference for <paramref name="body"/>.</summary>
    public static string Create(string body)
    {
        if (!IsValidBody(body))
        {
            throw new ArgumentException("The body must be 1 to 21 ASCII letters or digits.", nameof(body));
        }

        body = body.ToUpperInvariant();
        // Check digits make (body + "RF" + check) ≡ 1 (mod 97); computing with "00" gives 98 - remainder.
        var check = 98 - Mod97(body + "RF00");
        return $"RF{check:00}{body}";
    }

    /// <summary>
    /// Accepts what people type: any case, spaces anywhere (the print format groups by four).
    /// Returns the canonical form when the reference is well formed and its check digits hold.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64)
        {
            return false;
        }

        var compact = input.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length < 5 || compact.Length > 4 + MaxBodyLength || !compact.StartsWith("RF", StringComparison.Ordinal)
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]) || !IsValidBody(compact[4..]))
        {
            return false;
        }

        if (Mod97(compact[4..] + compact[..4]) != 1)
        {
            return false;
        }

        reference = compact;
        return true;
    }

    public static bool IsValid(string? input) => TryNormalize(input, out _);

    /// <summary>The print format: groups of four separated by spaces (<c>RF18 5390 0754 7034</c>).</summary>
    public static string ToPrintFormat(string reference)
    {
        var builder = new StringBuilder(reference.Length + reference.Length / 4);
        for (var i = 0; i < reference.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append(reference[i]);
        }

        return builder.ToString();
    }

    private static bool IsValidBody(string body) =>
        body.Length is >= 1 and <= MaxBodyLength && body.All(char.IsAsciiLetterOrDigit);

    /// <summary>Remainder mod 97 of the number where A=10 .. Z=35, computed digit by digit (no big integers).</summary>
    private static int Mod97(string rearranged)
    {
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }

        return remainder;
    }
}

namespace FeePayments.Api.Domain;

/// <summary>
/// Turns a database sequence number into a reference body. The sequence never hands out a number
/// twice (not even after a rollback), so references are unique and never reused by construction.
/// </summary>
public static class ReferenceBody
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <param name="prefix">Short upper-case alphanumeric tag of the issuer (configuration).</param>
    /// <param name="sequence">A positive value of the invoice reference sequence.</param>
    /// <param name="width">Minimum number of base-36 digits (zero padded).</param>
    public static string From(string prefix, long sequence, int width = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        Span<char> digits = stackalloc char[13];
        var position = digits.Length;
        for (var value = sequence; value > 0; value /= 36)
        {
            digits[--position] = Alphabet[(int)(value % 36)];
        }

        var encoded = new string(digits[position..]).PadLeft(width, '0');
        var body = prefix.ToUpperInvariant() + encoded;
        if (body.Length > PaymentReference.MaxBodyLength)
        {
            throw new InvalidOperationException("The reference prefix is too long for ISO 11649.");
        }

        return body;
    }
}

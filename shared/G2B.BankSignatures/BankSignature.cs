using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace G2B.BankSignatures;

/// <summary>
/// The bank signature scheme of the public contract (Stripe's webhook scheme):
/// <c>X-Bank-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c> where
/// <c>v1 = hex(HMAC-SHA256(secret, "&lt;t&gt;." + exact request bytes))</c>.
/// </summary>
public static class BankSignature
{
    public const string CodeHeader = "X-Bank-Code";
    public const string SignatureHeader = "X-Bank-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    // A header with hundreds of v1 entries is an attack, not a rotation.
    private const int MaxSignatures = 8;

    public static string ComputeHex(string secret, long timestamp, ReadOnlySpan<byte> payload)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Builds the header value with one <c>v1</c> per secret (several during a rotation).</summary>
    public static string CreateHeader(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> payload)
    {
        var builder = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            builder.Append(",v1=").Append(ComputeHex(secret, timestamp, payload));
        }

        return builder.ToString();
    }

    public static string CreateHeader(string secret, DateTimeOffset now, ReadOnlySpan<byte> payload) =>
        CreateHeader([secret], now.ToUnixTimeSeconds(), payload);

    /// <summary>
    /// True when the header is well formed, its timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, and any <c>v1</c> matches any of the secrets. Deliberately a bare bool:
    /// callers must not tell the sender which part failed.
    /// </summary>
    public static bool Verify(
        string? header,
        IReadOnlyCollection<string> secrets,
        ReadOnlySpan<byte> payload,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        if (secrets.Count == 0 || !TryParse(header, out var timestamp, out var signatures))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Convert.FromHexString(ComputeHex(secret, timestamp, payload));
            foreach (var candidate in signatures)
            {
                // No early exit: the time taken must not depend on which entry matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }

    private static bool TryParse(string? header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrWhiteSpace(header) || header.Length > 2048)
        {
            // Stryker disable once Boolean : equivalent; no v1 entry has been read, so Verify could match nothing anyway.
            return false;
        }

        var hasTimestamp = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key == "t")
            {
                if (hasTimestamp || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
                {
                    return false;
                }

                hasTimestamp = true;
            }
            else if (key == "v1")
            {
                if (value.Length != 64 || signatures.Count >= MaxSignatures || !TryHex(value, out var bytes))
                {
                    return false;
                }

                signatures.Add(bytes);
            }

            // Other schemes (v0, future v2) are ignored, as in Stripe's scheme.
        }

        // Stryker disable once Equality : equivalent; with no v1 entry Verify has nothing to match and answers false anyway.
        return hasTimestamp && signatures.Count > 0;
    }

    private static bool TryHex(string value, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(value);
        return true;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using G2B.ServiceDefaults;

namespace G2B.DevIdentity;

public sealed record Person(string Subject, string Name, string Role);

/// <summary>Who can sign in: the demo people docs/identity.md names, or anyone typed in with a role.</summary>
public static class People
{
    public const int MaxNameLength = 100;

    public static IReadOnlyList<Person> Demo { get; } =
    [
        new("demo-business-1", "Aylar Berdiyeva", AuthPolicies.Business),
        new("demo-business-2", "Dovlet Annayev", AuthPolicies.Business),
        new("demo-regulator-1", "Merdan Orazov", AuthPolicies.Regulator),
        // Appeals are decided by a second regulator, never the one who decided first.
        new("demo-regulator-2", "Gulnara Saparova", AuthPolicies.Regulator),
    ];

    public static IReadOnlySet<string> Roles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { AuthPolicies.Business, AuthPolicies.Regulator };

    public static Person? FindDemo(string? subject) => Demo.FirstOrDefault(p => p.Subject == subject);

    /// <summary>Whitespace collapsed and NFC-normalised; null when empty, too long or holding control characters.</summary>
    public static string? NormaliseName(string? raw)
    {
        if (raw is null || raw.Any(char.IsControl))
        {
            return null;
        }

        var name = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Normalize(NormalizationForm.FormC);
        return name.Length is > 0 and <= MaxNameLength ? name : null;
    }

    /// <summary>
    /// The same typed name is the same person on every sign-in (and after a restart): the subject is a digest
    /// of the name, case-insensitively, so "aylar  berdiyeva" owns what "Aylar Berdiyeva" registered.
    /// </summary>
    public static Person Typed(string normalisedName, string role)
    {
        var key = normalisedName.ToLower(CultureInfo.InvariantCulture);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return new Person("person-" + digest[..20], normalisedName, role);
    }
}

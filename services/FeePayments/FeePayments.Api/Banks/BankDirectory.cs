namespace FeePayments.Api.Banks;

/// <summary>A participating bank: its code, its active secrets (two during a rotation) and its API for reconciliation.</summary>
public sealed record Bank(string Code, IReadOnlyList<string> Secrets, Uri? BaseUrl);

/// <summary>
/// The banks of configuration section <c>Banks:&lt;CODE&gt;</c> (<c>Secrets:0..n</c>, <c>BaseUrl</c>). Read on
/// every lookup so a secret added to or removed from the configuration (or secret store) applies without
/// a restart. Secrets never leave this class except to compute or check a signature.
/// </summary>
public sealed class BankDirectory(IConfiguration configuration)
{
    public const string SectionName = "Banks";

    public Bank? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var section = configuration.GetSection(SectionName).GetSection(code);
        if (!section.Exists())
        {
            return null;
        }

        var secrets = section.GetSection("Secrets").GetChildren()
            .Select(s => s.Value)
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToList();
        if (secrets.Count == 0)
        {
            return null;
        }

        var baseUrl = section["BaseUrl"];
        // The configuration key's own spelling is the canonical code (lookups are case-insensitive).
        return new Bank(section.Key, secrets, string.IsNullOrWhiteSpace(baseUrl) ? null : new Uri(baseUrl));
    }

    public IReadOnlyList<Bank> All() =>
        configuration.GetSection(SectionName).GetChildren()
            .Select(s => Find(s.Key))
            .OfType<Bank>()
            .ToList();
}

namespace FeePayments.Api.Banks;

/// <summary>A participating bank: its code, its active secrets (two during a rotation) and its API for reconciliation.</summary>
public sealed record Bank(string Code, IReadOnlyList<string> Secrets, Uri? BaseUrl);

/// <summary>
/// The banks of configuration section <c>Banks:&lt;CODE&gt;</c> (<c>Secrets:0..n</c>, <c>BaseUrl</c>). Read on
/// every lookup so a secret added to or removed from the configuration (or secret store) applies without
/// a restart. Secrets never leave this class except to compute or check a signature.
/// Bank codes are case-insensitive (as configuration keys are) and canonical in upper case: every code
/// this class hands out is <see cref="Canonical"/>, so one bank is one spelling wherever it is stored or
/// looked up, and the database refuses any other (ck_*_bank_code_canonical).
/// </summary>
public sealed class BankDirectory(IConfiguration configuration)
{
    public const string SectionName = "Banks";

    /// <summary>The one spelling of a bank code that is stored and compared; null when it cannot be a code.</summary>
    public static string? Canonical(string? code) =>
        string.IsNullOrWhiteSpace(code) || code.Length > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : code.ToUpperInvariant();

    public Bank? Find(string? code)
    {
        var canonical = Canonical(code);
        // Stryker disable once Block : equivalent; GetSection(null) names no configured section, so the secrets check below answers null too.
        if (canonical is null)
        {
            return null;
        }

        // Configuration lookups ignore case: "demobank" finds the DEMOBANK section.
        var section = configuration.GetSection(SectionName).GetSection(canonical);
        // Stryker disable once Block : equivalent; a section that does not exist has no secrets, so the check below answers null too.
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
        // Never section.Key: that is the spelling asked for, not the configured one.
        return new Bank(canonical, secrets, string.IsNullOrWhiteSpace(baseUrl) ? null : new Uri(baseUrl));
    }

    public IReadOnlyList<Bank> All() =>
        configuration.GetSection(SectionName).GetChildren()
            .Select(s => Find(s.Key))
            .OfType<Bank>()
            .ToList();
}

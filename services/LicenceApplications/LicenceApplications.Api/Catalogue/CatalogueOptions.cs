using System.Text.RegularExpressions;
using LicenceApplications.Api.Domain;
using Microsoft.Extensions.Options;

namespace LicenceApplications.Api.Catalogue;

/// <summary>
/// Configuration section <c>Catalogue</c>: licence types an operator adds to (or redefines in) the
/// catalogue the migrations ship, keyed by code, e.g. <c>Catalogue:Types:MARKET-STALL:Fee</c>.
/// See docs/architecture.md, "The catalogue".
/// </summary>
public sealed class CatalogueOptions
{
    public const string SectionName = "Catalogue";

    public Dictionary<string, ConfiguredLicenceType> Types { get; init; } = [];

    /// <summary>
    /// Binds type by type so a value that does not convert, or a key no type has (a misspelt setting
    /// would otherwise be dropped without a word), stops the start naming the setting.
    /// </summary>
    public static void Bind(IConfigurationSection section, CatalogueOptions options)
    {
        if (section.GetChildren().FirstOrDefault(c => c.Key != nameof(Types)) is { } unknown)
        {
            throw new InvalidOperationException($"{unknown.Path} is not a setting: the catalogue's section holds only {nameof(Types)}.");
        }

        foreach (var type in section.GetSection(nameof(Types)).GetChildren())
        {
            var configured = new ConfiguredLicenceType();
            try
            {
                type.Bind(configured, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                // The binder's message names the key, its inner one what was wrong with the value (or which key is unknown).
                throw new InvalidOperationException($"{type.Path}: {e.Message} {e.InnerException?.Message}".TrimEnd(), e);
            }

            options.Types[type.Key] = configured;
        }
    }
}

/// <summary>One configured type. Name, fee and validity are required; the rest default as a shipped type does.</summary>
public sealed class ConfiguredLicenceType
{
    public string? Name { get; set; }

    public decimal? Fee { get; set; }

    public string? Currency { get; set; }

    public int? ValidityMonths { get; set; }

    public bool RequiresReview { get; set; }

    public int? RenewalWindowDays { get; set; }

    public int? RenewalGraceDays { get; set; }

    public int? ReviewDays { get; set; }

    public List<string> EligibleActivityCodes { get; init; } = [];

    public List<string> RequiredDocuments { get; init; } = [];
}

/// <summary>
/// Refuses a configured type the database would refuse or the service could not use, naming the
/// setting, so a bad value stops the start instead of failing a request later.
/// </summary>
public sealed partial class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    // Bounds that keep date arithmetic far from DateOnly's range and fees inside numeric(12,2).
    private const int MaxMonths = 1200;
    private const int MaxDays = 3650;
    private const decimal MaxFee = 9_999_999_999.99m;

    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        var failures = new List<string>();
        foreach (var (code, type) in options.Types)
        {
            var at = $"{CatalogueOptions.SectionName}:Types:{code}";
            Check(failures, code.Length <= 40 && CodeShape().IsMatch(code),
                $"{at}: the code must be upper-case letters and digits in hyphen-separated parts, at most 40 characters.");
            Check(failures, !string.IsNullOrWhiteSpace(type.Name) && type.Name.Length <= 200 && !type.Name.Any(char.IsControl),
                $"{at}:Name is required (at most 200 characters, no control characters).");
            Check(failures, type.Fee is >= 0 and <= MaxFee && decimal.Round(type.Fee.Value, 2) == type.Fee,
                $"{at}:Fee must be given: an amount from 0 to {MaxFee} with at most two decimals.");
            Check(failures, type.Currency is null || CurrencyShape().IsMatch(type.Currency),
                $"{at}:Currency must be an ISO 4217 code (three upper-case letters).");
            Check(failures, type.ValidityMonths is > 0 and <= MaxMonths, $"{at}:ValidityMonths must be given: 1 to {MaxMonths}.");
            Check(failures, type.RenewalWindowDays is null or >= 0 and <= MaxDays, $"{at}:RenewalWindowDays must be 0 to {MaxDays}.");
            Check(failures, type.RenewalGraceDays is null or >= 0 and <= MaxDays, $"{at}:RenewalGraceDays must be 0 to {MaxDays}.");
            Check(failures, type.ReviewDays is null or > 0 and <= MaxDays, $"{at}:ReviewDays must be 1 to {MaxDays}.");
            CheckList(failures, $"{at}:EligibleActivityCodes", type.EligibleActivityCodes, ActivityCodeShape(),
                "a NACE Rev. 2 class such as 47.11");
            CheckList(failures, $"{at}:RequiredDocuments", type.RequiredDocuments, DocumentKindShape(),
                "a lower-case kebab-case kind of at most 60 characters");
            Check(failures, !type.RequiredDocuments.Contains(ApplicationDocument.OtherKind),
                $"{at}:RequiredDocuments cannot name '{ApplicationDocument.OtherKind}', the kind of any unrequested document.");
            // Documents are checked by the regulator's approval; a type issued on payment never asks for them.
            Check(failures, type.RequiresReview || type.RequiredDocuments.Count == 0,
                $"{at}:RequiredDocuments needs RequiresReview: a type without review is issued on payment and never checks them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckList(List<string> failures, string at, List<string> values, Regex shape, string expected)
    {
        foreach (var value in values.Where(v => !shape.IsMatch(v)))
        {
            failures.Add($"{at}: '{value}' is not {expected}.");
        }

        Check(failures, values.Distinct(StringComparer.Ordinal).Count() == values.Count, $"{at} names a value twice.");
    }

    private static void Check(List<string> failures, bool holds, string failure)
    {
        if (!holds)
        {
            failures.Add(failure);
        }
    }

    [GeneratedRegex(@"^[A-Z0-9]+(-[A-Z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^[A-Z]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyShape();

    [GeneratedRegex(@"^[0-9]{2}\.[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityCodeShape();

    [GeneratedRegex(@"^(?=.{1,60}\z)[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentKindShape();
}

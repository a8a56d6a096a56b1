namespace CompanyRegistry.Api;

/// <summary>Configuration section <c>Registry</c>.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>What a tax id looks like; 12 digits by default (the contract lets a country configure it).</summary>
    public string TaxIdPattern { get; set; } = @"^\d{12}$";

    public string DefaultCountry { get; set; } = "TM";

    /// <summary>
    /// pg_trgm word similarity a query word must reach against a word of a name. Compared word by word
    /// (against the dictionary of name words), so it is lower than a whole-name threshold would be:
    /// one dropped letter of a seven-letter word ("ashgbat" for "ashgabat") scores 0.55.
    /// </summary>
    public float WordSimilarityThreshold { get; set; } = 0.5f;
}

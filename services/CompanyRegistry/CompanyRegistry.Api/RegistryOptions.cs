namespace CompanyRegistry.Api;

/// <summary>Configuration section <c>Registry</c>.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>What a tax id looks like; 12 digits by default (the contract lets a country configure it).</summary>
    public string TaxIdPattern { get; set; } = @"^\d{12}$";

    public string DefaultCountry { get; set; } = "TM";

    /// <summary>
    /// pg_trgm word similarity a name must reach to match a query. Lower finds more typos but makes
    /// the trigram index return (and the database recheck) many more rows: on 1,000,000 names 0.5
    /// doubled the search time against 0.6, which still finds "Ashgabat Trade" from "ashgabt trad" (0.625).
    /// </summary>
    public float WordSimilarityThreshold { get; set; } = 0.6f;
}

namespace CompanyRegistry.Api.Search;

/// <summary>
/// Narrow copy of the searchable columns of a company (table <c>company_search</c>), kept by a
/// database trigger on <c>companies</c>. Fuzzy search reads this instead of the wide companies row.
/// </summary>
public sealed class CompanySearchEntry
{
    public long Id { get; private set; }
    public string NameNormalized { get; private set; } = "";
    public int NameLength { get; private set; }
    public string Status { get; private set; } = "";
    public List<string> ActivityCodes { get; private set; } = [];

    /// <summary>Distinct words of the normalised name; GIN-indexed so multi-word queries intersect in the index.</summary>
    public List<string> Words { get; private set; } = [];
}

/// <summary>
/// One row per (word, company) (table <c>company_name_words</c>): its key (word, name length, id) lists
/// the companies holding a word shortest name first, which is the search order of a one-word query.
/// The key's index also carries the company's status (migration <c>CompanyNameWordStatus</c>), so a
/// one-word query with a status filter walks a word's list from the index alone instead of reading
/// each holder's <c>company_search</c> row to learn its status.
/// </summary>
public sealed class CompanyNameWord
{
    public string Word { get; private set; } = "";
    public int NameLength { get; private set; }
    public long CompanyId { get; private set; }
    public string Status { get; private set; } = "";
}

/// <summary>Every word ever used in a name (table <c>name_words</c>): the small trigram-indexed dictionary typos are matched against.</summary>
public sealed class NameWord
{
    public string Word { get; private set; } = "";
}

/// <summary>
/// One row per (licence type, word, company) for the companies holding a licence of that type (table
/// <c>company_licence_words</c>): its key lists a word's licensed companies shortest name first, so a
/// one-word query with a licence-type filter walks only the matching companies instead of checking
/// the licences of every company holding the word. Kept by triggers on <c>company_licences</c> and
/// on renames.
/// </summary>
public sealed class CompanyLicenceWord
{
    public string LicenceType { get; private set; } = "";
    public string Word { get; private set; } = "";
    public int NameLength { get; private set; }
    public long CompanyId { get; private set; }
}

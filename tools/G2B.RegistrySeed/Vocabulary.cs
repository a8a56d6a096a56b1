using System.Globalization;
using System.Text;

namespace G2B.RegistrySeed;

/// <summary>
/// A deterministic vocabulary of company-name words, ranked by how often a register uses them:
/// common business words first (written here, not copied from any list), then a mix of place and
/// family names and pseudo-words built from syllables, interleaved so every kind appears at every
/// rank. The same seed and size always give the same words in the same order.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The head of the distribution: words real registers use over and over.</summary>
    internal static readonly string[] BusinessWords =
    [
        "trade", "trading", "group", "services", "holdings", "company", "construction", "international", "global", "partners",
        "solutions", "consulting", "management", "development", "investments", "properties", "logistics", "transport", "energy", "systems",
        "technology", "digital", "media", "medical", "pharmacy", "dental", "health", "care", "food", "foods",
        "bakery", "cafe", "restaurant", "catering", "hotel", "travel", "tours", "education", "school", "academy",
        "training", "software", "engineering", "design", "print", "publishing", "finance", "capital", "leasing", "insurance",
        "security", "cleaning", "furniture", "textile", "cotton", "carpet", "oil", "gas", "solar", "water",
        "agro", "farm", "farming", "grain", "dairy", "meat", "fruit", "tea", "coffee", "market",
        "supply", "import", "export", "distribution", "wholesale", "retail", "store", "shop", "house", "home",
        "center", "studio", "lab", "works", "industries", "enterprise", "union", "alliance", "network", "hub",
        "plus", "pro", "line", "world", "north", "south", "east", "west", "central", "united",
        "new", "first", "prime", "royal", "golden", "green", "blue", "silver", "star", "sun",
        "city", "valley", "river", "bridge", "garden", "park", "road", "auto", "motors", "taxi",
        "cargo", "express", "fleet", "building", "builders", "cement", "steel", "glass", "timber", "stone",
        "chemical", "plastic", "paper", "packaging", "electric", "electronics", "telecom", "mobile", "computer", "data",
        "legal", "audit", "accounting", "advisory", "recruitment", "staffing", "events", "marketing", "advertising", "fashion",
        "beauty", "salon", "fitness", "sports", "clinic", "veterinary", "optical", "laundry", "repair", "maintenance",
        "plumbing", "heating", "roofing", "flooring", "interiors", "architecture", "surveying", "property", "estates", "lettings",
        "rental", "storage", "warehouse", "freight", "shipping", "marine", "aviation", "rail", "bus", "coach",
        "bakers", "butchers", "grocers", "kitchen", "pizza", "grill", "bar", "brewery", "wines", "spirits",
        "organic", "natural", "fresh", "quality", "smart", "modern", "classic", "elite", "best", "direct",
    ];

    private static readonly string[] _onsets =
        ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "h", "j", "ch", "sh", "br", "dr", "gr", "kr", "st", "tr", "y", "w"];

    private static readonly string[] _vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ya", "ar", "er", "an", "en"];

    private static readonly string[] _codas = ["", "", "", "n", "r", "l", "m", "s", "t", "k", "sh", "z", "d"];

    private static readonly string[] _placeSuffixes = ["abad", "grad", "ton", "ville", "burg", "dale", "ford", "field", "pur", "kent", "mouth", "stan"];

    private static readonly string[] _familySuffixes = ["ov", "ev", "ova", "son", "sen", "yan", "ian", "oglu", "enko", "berg", "man", "ski"];

    private readonly string[] _words;

    public Vocabulary(int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, BusinessWords.Length);
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new List<string>(size);
        foreach (var word in BusinessWords)
        {
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }
        while (words.Count < size)
        {
            // Kinds in turn, so places, families and coined words share every rank of the tail.
            var word = (words.Count % 4) switch
            {
                0 => Syllables(random, 2) + _placeSuffixes[random.Next(_placeSuffixes.Length)],
                1 => Syllables(random, random.Next(1, 3)) + _familySuffixes[random.Next(_familySuffixes.Length)],
                _ => Syllables(random, random.Next(2, 5)),
            };
            if (word.Length >= 3 && seen.Add(word))
            {
                words.Add(word);
            }
        }
        _words = [.. words];
    }

    /// <summary>The words in rank order: index 0 is the commonest.</summary>
    public IReadOnlyList<string> Words => _words;

    public int Count => _words.Length;

    public string this[int rank] => _words[rank];

    /// <summary>A word as a name shows it: first letter upper case.</summary>
    public static string Capitalised(string word) =>
        string.Create(word.Length, word, (span, w) =>
        {
            w.AsSpan().CopyTo(span);
            span[0] = char.ToUpper(span[0], CultureInfo.InvariantCulture);
        });

    private static string Syllables(Random random, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(_onsets[random.Next(_onsets.Length)]).Append(_vowels[random.Next(_vowels.Length)]);
            if (i == count - 1 || random.Next(3) == 0)
            {
                text.Append(_codas[random.Next(_codas.Length)]);
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent (Zipf's law, as word
/// frequencies in names follow), by binary search in the cumulative distribution.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;
    private readonly Random _random;

    public ZipfSampler(int n, double exponent, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = sum;
        }
        for (var i = 0; i < n; i++)
        {
            _cumulative[i] /= sum;
        }
        _random = new Random(seed);
    }

    /// <summary>The probability of <paramref name="rank"/>.</summary>
    public double Probability(int rank) => rank == 0 ? _cumulative[0] : _cumulative[rank] - _cumulative[rank - 1];

    public int Next()
    {
        var at = Array.BinarySearch(_cumulative, _random.NextDouble());
        var rank = at >= 0 ? at : ~at;
        return Math.Min(rank, _cumulative.Length - 1);
    }
}

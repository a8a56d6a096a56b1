using CompanyRegistry.Api.Domain;

namespace G2B.RegistrySeed;

/// <summary>
/// Deterministic, realistic-looking company names: place or family word, trade word, descriptor
/// and an optional tail, deduplicated on the registry's comparison form (the unique index demands it).
/// </summary>
internal sealed class NameGenerator(int seed)
{
    private static readonly string[] _first =
    [
        "Ashgabat", "Mary", "Balkan", "Lebap", "Dashoguz", "Ahal", "Turkmenabat", "Turkmenbashi", "Awaza", "Kopetdag",
        "Garagum", "Amyderya", "Murgap", "Tejen", "Serdar", "Bayramaly", "Gokdepe", "Abadan", "Anew", "Balkanabat",
        "Berkarar", "Ýyldyz", "Altyn", "Gündogar", "Günbatar", "Demirýol", "Ak Ýol", "Nusay", "Merw", "Köneürgenç",
        "Ovezov", "Berdiyev", "Annayev", "Atayev", "Orazov", "Hojayev", "Nurmuhammedov", "Saparov", "Gurbanov", "Myradov",
        "Rejepov", "Allanazarov", "Çaryýew", "Meredov", "Baýramow", "Kakabaýew", "Hydyrow", "Amanow", "Durdyýew", "Öwezow",
        "Silk Road", "Caspian", "Oasis", "Desert Star", "Green Valley", "Blue Sky", "Golden Horse", "White City", "Crescent", "Sunrise",
        "Nova", "Vertex", "Atlas", "Orion", "Zenith", "Pioneer", "Summit", "Horizon", "Meridian", "Aurora",
    ];

    private static readonly string[] _trade =
    [
        "Trade", "Textile", "Cotton", "Construction", "Building", "Logistics", "Transport", "Taxi", "Pharmacy", "Medical",
        "Dental", "Bakery", "Food", "Dairy", "Meat", "Fruit", "Carpet", "Oil", "Gas", "Energy",
        "Solar", "Water", "Agro", "Farm", "Grain", "Tea", "Coffee", "Restaurant", "Cafe", "Catering",
        "Hotel", "Travel", "Tour", "Education", "School", "Training", "Software", "Digital", "Telecom", "Media",
        "Print", "Publishing", "Design", "Engineering", "Consulting", "Audit", "Legal", "Finance", "Leasing", "Insurance",
        "Security", "Cleaning", "Furniture", "Glass", "Cement", "Steel", "Chemical", "Plastic", "Auto", "Motors",
    ];

    private static readonly string[] _descriptor =
    [
        "Group", "Company", "Partners", "Holding", "Services", "Systems", "Solutions", "Industries", "Enterprise", "House",
        "Center", "Market", "World", "Plus", "Pro", "Line", "Hub", "Works", "Union", "Alliance",
        "International", "Global", "Invest", "Development", "Supply", "Import", "Export", "Distribution", "Studio", "Lab",
    ];

    private static readonly string[] _tail =
    [
        "", "", "", "", "Ahal", "Mary", "Balkan", "Lebap", "Dashoguz", "North", "South", "East", "West", "Central",
        "One", "Two", "Prime", "Elite", "Star", "Best", "First", "Royal", "United", "Modern", "Classic", "Smart",
    ];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Next()
    {
        while (true)
        {
            var name = string.Join(' ', new[]
            {
                _first[_random.Next(_first.Length)],
                _trade[_random.Next(_trade.Length)],
                _descriptor[_random.Next(_descriptor.Length)],
                _tail[_random.Next(_tail.Length)],
            }.Where(w => w.Length > 0));
            if (_random.Next(4) == 0)
            {
                // A numbered branch keeps the name space large enough for a million distinct names.
                name += " " + _random.Next(1, 400).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (_used.Add(NameNormalizer.ForComparison(name)))
            {
                return name;
            }
        }
    }
}

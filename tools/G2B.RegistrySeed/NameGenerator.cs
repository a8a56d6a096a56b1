using System.Globalization;
using CompanyRegistry.Api.Domain;

namespace G2B.RegistrySeed;

/// <summary>
/// Deterministic company names from a realistic vocabulary: one to four distinct words, each drawn
/// by Zipf's law over <see cref="Vocabulary"/> (so "trading" is in every few names and most words in
/// a handful), and the next branch number of the name when the words alone were taken. Names are deduplicated on the
/// registry's comparison form (the unique index demands it), by a 64-bit hash of it: a collision
/// can only skip a name, never repeat one.
/// </summary>
public sealed class NameGenerator
{
    public const int DefaultVocabularySize = 60_000;
    public const double DefaultExponent = 1.0;

    private readonly Vocabulary _vocabulary;
    private readonly ZipfSampler _ranks;
    private readonly Random _random;
    private readonly HashSet<ulong> _used = [];
    private readonly Dictionary<string, int> _branches = new(StringComparer.Ordinal);

    public NameGenerator(int seed, int vocabularySize = DefaultVocabularySize, double exponent = DefaultExponent)
    {
        _vocabulary = new Vocabulary(vocabularySize, seed);
        _ranks = new ZipfSampler(vocabularySize, exponent, seed + 1);
        _random = new Random(seed + 2);
    }

    public Vocabulary Vocabulary => _vocabulary;

    /// <summary>Marks a name as taken (e.g. a fixed example row), so <see cref="Next"/> never returns it.</summary>
    public bool Reserve(string name) => _used.Add(Hash(NameNormalizer.ForComparison(name)));

    public string Next()
    {
        var roll = _random.Next(100);
        var count = roll < 10 ? 1 : roll < 55 ? 2 : roll < 90 ? 3 : 4;
        var ranks = new List<int>(count);
        while (ranks.Count < count)
        {
            var rank = _ranks.Next();
            if (!ranks.Contains(rank))
            {
                ranks.Add(rank);
            }
        }
        var name = string.Join(' ', ranks.Select(r => Vocabulary.Capitalised(_vocabulary[r])));
        if (Reserve(name))
        {
            return name;
        }
        // A numbered branch, as registers hold "Trading Group 2": the next number of that name. (Drawing it at
        // random from 2..9,999 retried ever longer and then forever: on 5,000,000 names the one-word name of the
        // most common word alone is drawn ~43,000 times.)
        ref var branch = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_branches, name, out _);
        while (true)
        {
            branch = Math.Max(branch, 1) + 1;
            var numbered = name + " " + branch.ToString(CultureInfo.InvariantCulture);
            if (Reserve(numbered))
            {
                return numbered;
            }
        }
    }

    // FNV-1a over the UTF-16 code units.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}

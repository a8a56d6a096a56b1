using System.Text.RegularExpressions;
using CompanyRegistry.Api.Domain;

namespace CompanyRegistry.Tests;

/// <summary>
/// The Turkmen and Russian names of the classification (Domain/nace-rev2.tk.json, nace-rev2.ru.json): complete, in the
/// right script, well formed, and loaded by the catalogue beside the English in the same order.
/// </summary>
public sealed partial class ActivityNameTranslationTests
{
    private static readonly ActivityCodeCatalog Catalog = ActivityCodeCatalog.Load();

    /// <summary>Every code of every level (section, division, group, class) with its English name, from the shipped file.</summary>
    private static readonly Dictionary<string, string> English = Catalog.All
        .SelectMany(c => new[] { (c.Section, c.SectionName), (c.Division, c.DivisionName), (c.Group, c.GroupName), (c.Code, c.Name) })
        .Distinct()
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static readonly char[] TurkmenLetters = ['ä', 'ç', 'ň', 'ö', 'ş', 'ü', 'ý', 'ž'];

    public static TheoryData<string> Translations => ["tk", "ru"];

    private static IReadOnlyDictionary<string, string> Names(string language) =>
        ActivityCodeCatalog.LoadNames(typeof(ActivityCodeCatalog).Assembly, language);

    [Fact]
    public void The_english_classification_has_every_level()
    {
        English.Should().HaveCount(21 + 88 + 272 + 615);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_section_division_group_and_class_is_named_and_nothing_else(string language)
    {
        var names = Names(language);

        names.Keys.Should().BeEquivalentTo(English.Keys);
        names.Should().OnlyContain(n => n.Value.Trim() == n.Value && n.Value.Length > 3 && !n.Value.Contains("  "), "names are trimmed, single-spaced text");
        names.Where(n => n.Value == English[n.Key]).Should().BeEmpty("every name is translated");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Parentheses_balance_and_no_placeholder_is_lost_or_invented(string language)
    {
        foreach (var (code, name) in Names(language))
        {
            Balanced(name).Should().BeTrue($"{code} '{name}' opens and closes its parentheses in order");
            Placeholders(name).Should().Equal(Placeholders(English[code]), $"{code} keeps the English name's placeholders");
        }
    }

    [Fact]
    public void Russian_names_are_written_in_cyrillic()
    {
        Names("ru").Where(n => !Cyrillic().IsMatch(n.Value)).Select(n => n.Key).Should().BeEmpty();
    }

    [Fact]
    public void Turkmen_names_use_the_turkmen_latin_alphabet_only()
    {
        var names = Names("tk");

        names.Where(n => Cyrillic().IsMatch(n.Value)).Select(n => n.Key).Should().BeEmpty("Turkmen is written in the Latin alphabet");
        // c, q, v and x are not Turkmen letters (ç, g/k, w, ks are): their use means an English or Russian spelling slipped in.
        names.Where(n => NotTurkmen().IsMatch(n.Value)).Select(n => $"{n.Key} {n.Value}").Should().BeEmpty();
        names.Values.Should().Contain(n => n.IndexOfAny(TurkmenLetters) >= 0);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Codes_with_different_english_names_keep_different_names(string language)
    {
        var names = Names(language);

        names.GroupBy(n => n.Value)
            .Where(g => g.Select(n => English[n.Key]).Distinct().Count() > 1)
            .Select(g => string.Join(", ", g.Select(n => n.Key)))
            .Should().BeEmpty("a person choosing by name must be able to tell the activities apart");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void The_catalogue_names_each_class_and_its_hierarchy_in_the_language_in_the_english_order(string language)
    {
        var names = Names(language);
        var translated = Catalog.In(language);

        translated.Select(c => (c.Code, c.Section, c.Division, c.Group)).Should().Equal(Catalog.All.Select(c => (c.Code, c.Section, c.Division, c.Group)));
        translated.Should().OnlyContain(c => c.Name == names[c.Code] && c.SectionName == names[c.Section]
            && c.DivisionName == names[c.Division] && c.GroupName == names[c.Group]);
        Catalog.In("en").Should().BeSameAs(Catalog.All);
    }

    [Fact]
    public void Established_wording_of_well_known_classes()
    {
        Names("ru")["47.11"].Should().Be(
            "Торговля розничная преимущественно пищевыми продуктами, включая напитки, и табачными изделиями в неспециализированных магазинах");
        Names("ru")["G"].Should().Be("Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов");
        Names("tk")["47.11"].Should().Be(
            "Esasan azyk önümleri, içgiler ýa-da temmäki önümleri satylýan ýöriteleşdirilmedik dükanlarda bölek söwda");
        Names("tk")["46.31"].Should().Be("Miweleriň we gök önümleriň lomaý söwdasy");
        Names("tk")["10.81"].Should().Be("Şeker öndürmek");
    }

    [Fact]
    public void A_language_without_names_is_refused()
    {
        var ask = () => Catalog.In("de");
        ask.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var ch in text)
        {
            depth += ch switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                return false;
            }
        }
        return depth == 0;
    }

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    [GeneratedRegex("[cqvxCQVX]")]
    private static partial Regex NotTurkmen();

    [GeneratedRegex(@"\{[^{}]*\}|%[sd0-9]")]
    private static partial Regex Placeholder();
}

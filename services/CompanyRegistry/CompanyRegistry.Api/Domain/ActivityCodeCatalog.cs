using System.Reflection;
using System.Text.Json;

namespace CompanyRegistry.Api.Domain;

public sealed record ActivityCode(
    string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);

/// <summary>
/// The NACE Rev. 2 classes the registry accepts: the whole classification (21 sections, 88 divisions,
/// 272 groups, 615 classes), each class with its place in the hierarchy. Shipped as an embedded resource so the list is
/// versioned with the code that validates against it, and identical in every environment.
/// The names also come in Turkmen and Russian (<c>nace-rev2.tk.json</c>, <c>nace-rev2.ru.json</c>: one name a code, for
/// every section, division, group and class); the codes, their order and their meaning are the same in every language.
/// </summary>
public sealed class ActivityCodeCatalog
{
    /// <summary>The language of the classification's own names, and the answer when no other is asked for.</summary>
    public const string DefaultLanguage = "en";

    /// <summary>The languages the names come in: English (the classification's own) and the translations shipped beside it.</summary>
    public static readonly IReadOnlyList<string> Languages = [DefaultLanguage, "tk", "ru"];

    private readonly Dictionary<string, ActivityCode> _byCode;
    private readonly Dictionary<string, IReadOnlyList<ActivityCode>> _byLanguage;

    private ActivityCodeCatalog(IReadOnlyList<ActivityCode> all, Dictionary<string, IReadOnlyList<ActivityCode>> byLanguage)
    {
        All = all;
        _byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _byLanguage = byLanguage;
    }

    /// <summary>Every class, in the classification's order, with its English names.</summary>
    public IReadOnlyList<ActivityCode> All { get; }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>Every class, in the same order as <see cref="All"/>, named in <paramref name="language"/> (one of <see cref="Languages"/>).</summary>
    public IReadOnlyList<ActivityCode> In(string language) =>
        _byLanguage.TryGetValue(language, out var codes)
            ? codes
            : throw new ArgumentOutOfRangeException(nameof(language), language, "The classification is not named in this language.");

    public static ActivityCodeCatalog Load()
    {
        var assembly = typeof(ActivityCodeCatalog).Assembly;
        using var stream = Resource(assembly, "nace-rev2.json");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The NACE classification resource is empty.");
        var codes = file.Sections
            .SelectMany(s => s.Divisions.SelectMany(d => d.Groups.SelectMany(g => g.Classes.Select(c =>
                new ActivityCode(c.Code, c.Name, s.Section, s.Name, d.Division, d.Name, g.Group, g.Name)))))
            .ToList();

        var byLanguage = new Dictionary<string, IReadOnlyList<ActivityCode>>(StringComparer.Ordinal) { [DefaultLanguage] = codes };
        foreach (var language in Languages.Where(l => l != DefaultLanguage))
        {
            var names = LoadNames(assembly, language);
            byLanguage[language] = codes.Select(c => c with
            {
                Name = NameOf(names, c.Code, language),
                SectionName = NameOf(names, c.Section, language),
                DivisionName = NameOf(names, c.Division, language),
                GroupName = NameOf(names, c.Group, language),
            }).ToList();
        }

        return new ActivityCodeCatalog(codes, byLanguage);
    }

    /// <summary>The names of one translation, by code (section letter, division, group or class).</summary>
    internal static IReadOnlyDictionary<string, string> LoadNames(Assembly assembly, string language)
    {
        using var stream = Resource(assembly, $"nace-rev2.{language}.json");
        var file = JsonSerializer.Deserialize<NamesFile>(stream, JsonSerializerOptions.Web);
        if (file?.Names is null || file.Language != language)
        {
            throw new InvalidOperationException($"The NACE names resource for '{language}' is empty or names another language.");
        }

        return file.Names;
    }

    private static string NameOf(IReadOnlyDictionary<string, string> names, string code, string language) =>
        names.TryGetValue(code, out var name) && !string.IsNullOrWhiteSpace(name)
            ? name
            : throw new InvalidOperationException($"The NACE names in '{language}' lack code {code}.");

    private static Stream Resource(Assembly assembly, string fileName)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        return assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource {name} is missing.");
    }

    private sealed record CatalogFile(string Classification, List<SectionEntry> Sections);

    private sealed record SectionEntry(string Section, string Name, List<DivisionEntry> Divisions);

    private sealed record DivisionEntry(string Division, string Name, List<GroupEntry> Groups);

    private sealed record GroupEntry(string Group, string Name, List<ClassEntry> Classes);

    private sealed record ClassEntry(string Code, string Name);

    private sealed record NamesFile(string Classification, string Language, Dictionary<string, string> Names);
}

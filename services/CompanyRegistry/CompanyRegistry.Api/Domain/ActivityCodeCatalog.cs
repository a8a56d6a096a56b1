using System.Reflection;
using System.Text.Json;

namespace CompanyRegistry.Api.Domain;

public sealed record ActivityCode(
    string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);

/// <summary>
/// The NACE Rev. 2 classes the registry accepts: the whole classification (21 sections, 88 divisions,
/// 272 groups, 615 classes), each class with its place in the hierarchy. Shipped as an embedded resource so the list is
/// versioned with the code that validates against it, and identical in every environment.
/// </summary>
public sealed class ActivityCodeCatalog
{
    private readonly Dictionary<string, ActivityCode> _byCode;

    private ActivityCodeCatalog(IReadOnlyList<ActivityCode> all)
    {
        All = all;
        _byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<ActivityCode> All { get; }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public static ActivityCodeCatalog Load()
    {
        var assembly = typeof(ActivityCodeCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("nace-rev2.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The NACE classification resource is empty.");
        var codes = file.Sections
            .SelectMany(s => s.Divisions.SelectMany(d => d.Groups.SelectMany(g => g.Classes.Select(c =>
                new ActivityCode(c.Code, c.Name, s.Section, s.Name, d.Division, d.Name, g.Group, g.Name)))))
            .ToList();
        return new ActivityCodeCatalog(codes);
    }

    private sealed record CatalogFile(string Classification, List<SectionEntry> Sections);

    private sealed record SectionEntry(string Section, string Name, List<DivisionEntry> Divisions);

    private sealed record DivisionEntry(string Division, string Name, List<GroupEntry> Groups);

    private sealed record GroupEntry(string Group, string Name, List<ClassEntry> Classes);

    private sealed record ClassEntry(string Code, string Name);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// Every configuration key the code refuses to run without (<c>config["A:B"] ?? throw</c>,
/// <c>GetConnectionString(...) ?? throw</c>) must reach the container: from the rendered
/// environment or from the image's appsettings.json / appsettings.{environment}.json. Some of
/// these are read only on first use, so starting the service does not find them missing.
/// </summary>
public sealed partial class ConfigurationKeyTests
{
    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_required_key_is_set_for_every_deployment(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var row in DockerfileTests.Deployables())
        {
            var (name, project) = ((string)row[0], (string)row[1]);
            var env = rendered.Environment(OverlayMerger.Containers(rendered.Get("Deployment", name)).Single());
            var projectDir = Path.GetDirectoryName(RepoPaths.Path(project.Split('/')))!;
            var files = new[] { "appsettings.json", $"appsettings.{env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Production"}.json" }
                .Select(f => Path.Combine(projectDir, f)).Where(File.Exists).ToList();

            foreach (var key in RequiredKeys(project))
            {
                var present = env.ContainsKey(key.Replace(":", "__")) || files.Any(f => JsonHasKey(f, key));
                present.Should().BeTrue($"{name} ({overlay}) needs {key}: set {key.Replace(":", "__")} in its Deployment or a ConfigMap");
            }
        }
    }

    [Fact]
    public void The_scan_finds_the_keys_it_is_meant_to_find()
    {
        RequiredKeys("services/LicenceApplications/LicenceApplications.Api/LicenceApplications.Api.csproj")
            .Should().Contain(["ConnectionStrings:Database", "Services:CompanyRegistry:BaseUrl"]);
        RequiredKeys("gateway/Gateway/Gateway.csproj").Should().NotContain("ConnectionStrings:Database");
    }

    /// <summary>
    /// Required keys in the project's own source, and in referenced libraries' files whose public
    /// extension methods the project calls (the gateway references the service defaults but never
    /// adds a database).
    /// </summary>
    public static IReadOnlySet<string> RequiredKeys(string project)
    {
        var own = RepoPaths.Path(project.Split('/'));
        var ownSource = string.Join('\n', Sources(own).Select(File.ReadAllText));
        var keys = new HashSet<string>();
        foreach (var csproj in DockerfileTests.ProjectClosure(own))
        {
            foreach (var text in Sources(csproj).Select(File.ReadAllText))
            {
                var used = csproj == Path.GetFullPath(own) || PublicMethod().Matches(text)
                    .Any(m => ownSource.Contains($".{m.Groups["name"].Value}(") || ownSource.Contains($".{m.Groups["name"].Value}<"));
                if (!used)
                {
                    continue;
                }
                keys.UnionWith(IndexerOrThrow().Matches(text).Select(m => m.Groups["key"].Value));
                foreach (Match m in ConnectionStringOrThrow().Matches(text))
                {
                    var name = m.Groups["literal"].Success ? m.Groups["literal"].Value
                        : Regex.Match(text, $@"const string {m.Groups["constant"].Value} = ""(?<v>[^""]+)""").Groups["v"].Value;
                    keys.Add("ConnectionStrings:" + name);
                }
            }
        }
        return keys;
    }

    private static IEnumerable<string> Sources(string csproj) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(csproj)!, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));

    private static bool JsonHasKey(string file, string key)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var node = json.RootElement;
        foreach (var part in key.Split(':'))
        {
            var match = node.ValueKind == JsonValueKind.Object
                ? node.EnumerateObject().Where(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault()
                : default;
            if (match.ValueKind == JsonValueKind.Undefined)
            {
                return false;
            }
            node = match;
        }
        return node.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            && !(node.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(node.GetString()));
    }

    [GeneratedRegex(@"public static [\w<>,\[\]? ]+? (?<name>\w+)(<[^>]+>)?\(\s*this ")]
    private static partial Regex PublicMethod();

    [GeneratedRegex(@"\[""(?<key>[A-Za-z0-9_]+(:[A-Za-z0-9_]+)+)""\]\s*\?\?\s*throw")]
    private static partial Regex IndexerOrThrow();

    [GeneratedRegex(@"GetConnectionString\((""(?<literal>[^""]+)""|(?<constant>\w+))\)\s*\?\?\s*throw")]
    private static partial Regex ConnectionStringOrThrow();
}

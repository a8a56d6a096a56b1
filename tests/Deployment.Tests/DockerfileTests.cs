using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Deployables() => new()
    {
        { "company-registry", "services/CompanyRegistry/CompanyRegistry.Api/CompanyRegistry.Api.csproj" },
        { "licence-applications", "services/LicenceApplications/LicenceApplications.Api/LicenceApplications.Api.csproj" },
        { "fee-payments", "services/FeePayments/FeePayments.Api/FeePayments.Api.csproj" },
        { "notifications", "services/Notifications/Notifications.Api/Notifications.Api.csproj" },
        { "gateway", "gateway/Gateway/Gateway.csproj" },
        { "portal", "services/Portal/Portal/Portal.csproj" },
    };

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Dockerfile_is_multi_stage_non_root_and_runs_the_project(string name, string project)
    {
        var projectPath = RepoPaths.Path(project.Split('/'));
        var dockerfile = File.ReadAllText(Path.Combine(Path.GetDirectoryName(projectPath)!, "Dockerfile"));
        var stages = FromLine().Matches(dockerfile).Select(m => m.Groups["image"].Value).ToList();

        stages.Should().HaveCountGreaterThanOrEqualTo(2);
        stages[0].Should().Be("mcr.microsoft.com/dotnet/sdk:10.0");
        stages[^1].Should().Be("mcr.microsoft.com/dotnet/aspnet:10.0", "the runtime image carries no SDK");
        var final = dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        final.Should().MatchRegex(@"(?m)^USER\s+(\$APP_UID|\$\{APP_UID\}|[1-9]\d*)\s*$", "the container must not run as root");
        final.Should().Contain($"LABEL org.opencontainers.image.title=\"{name}\"");
        final.Should().Contain($"ENTRYPOINT [\"dotnet\", \"{Path.GetFileNameWithoutExtension(project)}.dll\"]");
        final.Should().Contain("ASPNETCORE_HTTP_PORTS=8080").And.MatchRegex(@"(?m)^EXPOSE 8080\s*$");
        dockerfile.Should().Contain($"dotnet publish {project}");
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Dockerfile_copies_every_project_the_deployable_references(string name, string project)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepoPaths.Path(project.Split('/')))!, "Dockerfile"));
        var copied = CopyLine().Matches(dockerfile).Select(m => m.Groups["src"].Value.TrimEnd('/') + "/").ToList();

        foreach (var reference in ProjectClosure(RepoPaths.Path(project.Split('/'))))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, reference).Replace('\\', '/');
            copied.Should().Contain(c => relative.StartsWith(c), $"{name}'s image build needs {relative}");
        }
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Dockerfile_restores_from_project_files_before_it_copies_the_sources(string name, string project)
    {
        var projectPath = RepoPaths.Path(project.Split('/'));
        var lines = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(projectPath)!, "Dockerfile"))
            .TakeWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        var restore = lines.FindIndex(l => l.StartsWith($"RUN dotnet restore {project}", StringComparison.Ordinal));
        restore.Should().BePositive($"{name} restores in its own layer");

        // Before the restore only build settings and project files, so the package layer survives source edits.
        var before = lines.Take(restore).Select(l => CopyLine().Match(l + " ")).Where(m => m.Success).Select(m => m.Groups["src"].Value).ToList();
        before.Should().OnlyContain(src => src.EndsWith(".csproj") || src.EndsWith(".props") || src == "global.json", name);
        foreach (var reference in ProjectClosure(projectPath))
        {
            before.Should().Contain(Path.GetRelativePath(RepoPaths.Root, reference).Replace('\\', '/'), $"{name}'s restore needs every project file");
        }
        lines.Skip(restore).Should().Contain(l => l.Contains("dotnet publish") && l.Contains("--no-restore"), name);
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_image_the_manifests_name_has_a_dockerfile(string overlay)
    {
        var titles = Deployables().Select(row => (string)row[0]).ToHashSet();
        var ours = Kustomize.Render(overlay).Deployments.Concat(Kustomize.Render(overlay).OfKind("Job"))
            .SelectMany(OverlayMerger.Containers).Select(c => OverlayMerger.SplitImage(c.Str("image")!).Name)
            .Where(i => i.Contains("/g2b/") || i.StartsWith("g2b/")).ToList();

        ours.Should().NotBeEmpty();
        ours.Select(i => i[(i.LastIndexOf('/') + 1)..]).Should().OnlyContain(n => titles.Contains(n));
    }

    public static IReadOnlyCollection<string> ProjectClosure(string csproj)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }
            foreach (var include in XDocument.Load(current).Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include")))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include!.Replace('\\', '/'))));
            }
        }
        return seen;
    }

    [GeneratedRegex(@"(?m)^FROM\s+(?<image>\S+)")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"(?m)^COPY\s+(?!--from)(?<src>[^\s]+)\s")]
    private static partial Regex CopyLine();
}

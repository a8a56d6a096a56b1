using System.Text.Json;
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

    private static string Dockerfile => File.ReadAllText(RepoPaths.Path("Dockerfile"));

    [Fact]
    public void The_one_dockerfile_is_multi_stage_non_root_and_runs_the_assembly_its_arguments_name()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();

        stages.Should().HaveCountGreaterThanOrEqualTo(2);
        stages[0].Should().Be("mcr.microsoft.com/dotnet/sdk:10.0");
        stages[^1].Should().Be("mcr.microsoft.com/dotnet/aspnet:10.0", "the runtime image carries no SDK");
        var final = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        final.Should().MatchRegex(@"(?m)^USER\s+(\$APP_UID|\$\{APP_UID\}|[1-9]\d*)\s*$", "the container must not run as root");
        final.Should().Contain("LABEL org.opencontainers.image.title=\"${TITLE}\"");
        final.Should().Contain("APP_ASSEMBLY=${ASSEMBLY}.dll")
            .And.Contain("ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec dotnet \\\"$APP_ASSEMBLY\\\" \\\"$@\\\"\", \"--\"]", "dotnet replaces the shell as PID 1");
        final.Should().Contain("ASPNETCORE_HTTP_PORTS=8080").And.MatchRegex(@"(?m)^EXPOSE 8080\s*$");
        Dockerfile.Should().Contain("dotnet publish \"$PROJECT\"");
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Each_image_has_a_bake_target_naming_its_project_assembly_and_title(string name, string project)
    {
        var target = BakeTargets()[name];

        target.GetProperty("dockerfile").GetString().Should().Be("Dockerfile");
        target.GetProperty("context").GetString().Should().Be(".");
        var args = target.GetProperty("args");
        args.GetProperty("PROJECT").GetString().Should().Be(project);
        args.GetProperty("ASSEMBLY").GetString().Should().Be(AssemblyName(project));
        args.GetProperty("TITLE").GetString().Should().Be(name);
        File.Exists(RepoPaths.Path(project.Split('/'))).Should().BeTrue(project);
    }

    [Fact]
    public void The_bake_file_builds_exactly_the_deployables()
    {
        var names = Deployables().Select(row => (string)row[0]).ToList();

        BakeTargets().Keys.Should().BeEquivalentTo(names);
        using var bake = JsonDocument.Parse(File.ReadAllText(RepoPaths.Path("docker-bake.json")));
        bake.RootElement.GetProperty("group").GetProperty("default").GetProperty("targets").EnumerateArray()
            .Select(t => t.GetString()).Should().BeEquivalentTo(names);
    }

    [Fact]
    public void Licence_applications_gets_the_font_its_certificates_embed() =>
        BakeTargets()["licence-applications"].GetProperty("args").GetProperty("APT_PACKAGES").GetString().Should().Contain("fonts-dejavu-core");

    [Theory]
    [MemberData(nameof(Deployables))]
    public void The_build_context_keeps_every_project_the_deployable_references(string name, string project)
    {
        var ignored = File.ReadAllLines(RepoPaths.Path(".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        foreach (var reference in ProjectClosure(RepoPaths.Path(project.Split('/'))))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, reference).Replace('\\', '/');
            ignored.Should().NotContain(p => Ignores(p, relative), $"{name}'s image build needs {relative}");
        }
    }

    [Fact]
    public void The_restore_layer_sees_only_build_settings_and_project_files()
    {
        var lines = Dockerfile.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var projects = lines.FindIndex(l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects", StringComparison.Ordinal));
        var build = lines.FindIndex(l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        projects.Should().BeGreaterThanOrEqualTo(0);
        build.Should().BeGreaterThan(projects);

        // The projects stage keeps project files and build settings only, so the package layer survives source edits.
        lines.Skip(projects).Take(build - projects).Should().Contain(l =>
            l.StartsWith("RUN find . -type f", StringComparison.Ordinal) && l.Contains("! -name '*.csproj'") && l.Contains("! -name '*.props'")
            && l.Contains("! -name 'global.json'") && l.EndsWith("-delete", StringComparison.Ordinal));
        var stage = lines.Skip(build).TakeWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        var restore = stage.FindIndex(l => l == "RUN dotnet restore \"$PROJECT\"");
        restore.Should().BePositive("the restore has its own layer");
        stage.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).Should().Equal("COPY --from=projects /src ./");
        stage.Skip(restore).Should().Contain(l => l.Contains("dotnet publish") && l.Contains("--no-restore"));
    }

    [Fact]
    public void The_gateway_image_is_its_native_binary_on_runtime_deps_and_every_other_image_the_last_stage()
    {
        var targets = BakeTargets();
        targets["gateway"].GetProperty("target").GetString().Should().Be("gateway");
        targets.Where(t => t.Key != "gateway" && t.Value.TryGetProperty("target", out _)).Should().BeEmpty(
            "the services run on the JIT, from the last stage");
        XDocument.Load(RepoPaths.Path("gateway", "Gateway", "Gateway.csproj")).Descendants("PublishAot").Single().Value
            .Should().Be("true", "the gateway's publish is Native AOT because its project says so");

        var build = Stage("gateway-build");
        build[0].Should().Be("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS gateway-build");
        string.Join('\n', build).Should().Contain("clang").And.Contain("zlib1g-dev", "ILCompiler links with clang and zlib");
        var restore = build.FindIndex(l => l == "RUN dotnet restore gateway/Gateway/Gateway.csproj --use-current-runtime");
        restore.Should().BePositive("the restore has its own layer");
        build.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).Should().Equal("COPY --from=projects /src ./");
        build.Skip(restore).Should().Contain(
            "RUN dotnet publish gateway/Gateway/Gateway.csproj --configuration Release --no-restore --use-current-runtime --output /app");

        var image = Stage("gateway");
        image[0].Should().Be("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS gateway", "a native binary needs no .NET runtime");
        image.Should().Contain("COPY --from=gateway-build /app ./").And.Contain("LABEL org.opencontainers.image.title=\"gateway\"")
            .And.Contain("USER $APP_UID").And.Contain("EXPOSE 8080").And.Contain("ENTRYPOINT [\"/app/Gateway\"]");
        var runtimeEnv = new[] { "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_GCgen0size=400000", "MALLOC_ARENA_MAX=2" };
        foreach (var setting in runtimeEnv)
        {
            image.Should().Contain(l => l.Contains(setting), "the gateway gets the runtime settings every image gets");
            Stage("runtime").Should().Contain(l => l.Contains(setting));
        }
    }

    [Theory]
    [MemberData(nameof(RenderingTests.Overlays), MemberType = typeof(RenderingTests))]
    public void Every_image_the_manifests_name_has_a_bake_target(string overlay)
    {
        var titles = BakeTargets().Keys.ToHashSet();
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

    /// <summary>The lines of the stage named <paramref name="name"/>, from its FROM to the next FROM.</summary>
    private static List<string> Stage(string name)
    {
        var lines = Dockerfile.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS " + name, StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, $"the Dockerfile has a stage {name}");
        return lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
    }

    private static Dictionary<string, JsonElement> BakeTargets()
    {
        using var bake = JsonDocument.Parse(File.ReadAllText(RepoPaths.Path("docker-bake.json")));
        return bake.RootElement.GetProperty("target").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.Clone());
    }

    private static string AssemblyName(string project)
    {
        var declared = XDocument.Load(RepoPaths.Path(project.Split('/'))).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault();
        return declared ?? Path.GetFileNameWithoutExtension(project);
    }

    // The .dockerignore patterns used here: "dir/" from the root, or "**/dir/" at any depth.
    private static bool Ignores(string pattern, string path) => pattern.StartsWith("**/", StringComparison.Ordinal)
        ? ("/" + path).Contains("/" + pattern[3..], StringComparison.Ordinal)
        : path.StartsWith(pattern, StringComparison.Ordinal);

    [GeneratedRegex(@"(?m)^FROM\s+(?<image>\S+)")]
    private static partial Regex FromLine();

}

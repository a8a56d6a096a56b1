using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// Runtime settings read from the environment only (not runtimeconfig.json, where Directory.Build.props puts the rest):
/// the images and ./run.sh must set them alike, or the measured process is not the deployed one.
/// </summary>
public sealed partial class RuntimeSettingsTests
{
    [Theory]
    [InlineData("DOTNET_GCgen0size")] // the GC's gen0 budget
    [InlineData("MALLOC_ARENA_MAX")] // glibc's native heap arenas
    public void Every_dotnet_service_of_tye_yaml_gets_the_value_the_Dockerfile_sets(string variable)
    {
        var fromDockerfile = DockerfileEnv(File.ReadAllText(RepoPaths.Path("Dockerfile")), variable);
        fromDockerfile.Should().NotBeNull($"the Dockerfile sets {variable} for every image");

        var projects = TyeTopology.Load().Document.Maps("services").Where(s => s.Str("project") is not null).ToList();
        projects.Should().NotBeEmpty();
        foreach (var service in projects)
        {
            var env = service.Maps("env").ToDictionary(e => e.Str("name")!, e => e.Str("value"));
            env.Should().ContainKey(variable, $"{service.Str("name")} runs locally as its image runs");
            env[variable].Should().Be(fromDockerfile, service.Str("name"));
        }
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("MALLOC_ARENA_MAX")]
    public void The_local_sidecars_get_the_value_the_Dockerfile_sets(string variable)
    {
        var fromDockerfile = DockerfileEnv(File.ReadAllText(RepoPaths.Path("Dockerfile")), variable);
        var dapr = TyeTopology.Load().Document.Maps("extensions").Single(e => e.Str("name") == "dapr");
        var env = dapr.Maps("sidecar-env").ToDictionary(e => e.Str("name")!, e => e.Str("value"));

        env.Should().ContainKey(variable, "the local sidecar is a native .NET binary like the gateway's image");
        env[variable].Should().Be(fromDockerfile);
    }

    [Fact]
    public void The_gen0_budget_is_written_in_hex_digits_without_0x_which_native_AOT_ignores()
    {
        // Both runtimes read DOTNET_GCgen0size as hex; CoreCLR also takes "0x400000", Native AOT (the gateway, the
        // local sidecars) silently ignores it and keeps its cache-sized budget: 12 MB more RSS per sidecar, measured.
        var value = DockerfileEnv(File.ReadAllText(RepoPaths.Path("Dockerfile")), "DOTNET_GCgen0size");

        value.Should().MatchRegex("^[0-9A-Fa-f]+$");
        Convert.ToInt64(value, 16).Should().Be(4 * 1024 * 1024, "a 4 MB budget");
    }

    [Fact]
    public void The_Dockerfile_reading_finds_a_value_only_in_an_ENV_line()
    {
        const string dockerfile = "# MALLOC_ARENA_MAX=8 in a comment\nENV A=1 \\\n    MALLOC_ARENA_MAX=2 \\\n    B=3\n";
        DockerfileEnv(dockerfile, "MALLOC_ARENA_MAX").Should().Be("2");
        DockerfileEnv(dockerfile, "B").Should().Be("3");
        DockerfileEnv("# MALLOC_ARENA_MAX=8\n", "MALLOC_ARENA_MAX").Should().BeNull();
    }

    /// <summary>The value an ENV instruction (or one of its continuation lines) gives the variable; null when none does.</summary>
    private static string? DockerfileEnv(string dockerfile, string variable)
    {
        string? value = null;
        var inEnv = false;
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.Trim();
            var continues = line.EndsWith('\\');
            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                inEnv = true;
                line = line[4..];
            }
            else if (!inEnv || line.StartsWith('#'))
            {
                inEnv = inEnv && continues;
                continue;
            }

            if (Assignment().Match(line) is { Success: true } m && m.Groups["name"].Value == variable)
            {
                value = m.Groups["value"].Value;
            }

            inEnv = continues;
        }

        return value;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>[^\s\\]+)")]
    private static partial Regex Assignment();
}

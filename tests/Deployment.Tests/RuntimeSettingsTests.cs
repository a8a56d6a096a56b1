using System.Text.RegularExpressions;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests;

/// <summary>
/// Runtime settings the runtime reads from the environment only (not runtimeconfig.json, where Directory.Build.props
/// puts the rest): the images and ./run.sh must set them alike, or the measured process is not the deployed one.
/// </summary>
public sealed partial class RuntimeSettingsTests
{
    [Fact]
    public void Every_dotnet_service_of_tye_yaml_gets_the_gen0_budget_the_Dockerfile_sets()
    {
        var fromDockerfile = Gen0Size().Match(File.ReadAllText(RepoPaths.Path("Dockerfile")));
        fromDockerfile.Success.Should().BeTrue("the Dockerfile sets DOTNET_GCgen0size for every image");

        var projects = TyeTopology.Load().Document.Maps("services").Where(s => s.Str("project") is not null).ToList();
        projects.Should().NotBeEmpty();
        foreach (var service in projects)
        {
            var env = service.Maps("env").ToDictionary(e => e.Str("name")!, e => e.Str("value"));
            env.Should().ContainKey("DOTNET_GCgen0size", $"{service.Str("name")} runs locally as its image runs");
            env["DOTNET_GCgen0size"].Should().Be(fromDockerfile.Groups["value"].Value, service.Str("name"));
        }
    }

    [GeneratedRegex(@"DOTNET_GCgen0size=(?<value>0x[0-9A-Fa-f]+)")]
    private static partial Regex Gen0Size();
}

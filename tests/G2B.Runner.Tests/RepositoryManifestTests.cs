using G2B.Runner.Hosting;
using G2B.Runner.Tye;

namespace G2B.Runner.Tests;

/// <summary>The checked-in tye.yaml: what ./run.sh starts must exist and must not collide.</summary>
public sealed class RepositoryManifestTests
{
    private static readonly string _root = RepositoryLayout.FindRoot();
    private static readonly TyeManifest _manifest = TyeParser.ParseFile(Path.Combine(_root, "tye.yaml"));

    [Fact]
    public void Every_project_named_in_tye_yaml_exists()
    {
        var projects = _manifest.Services.Where(s => s.Kind == TyeServiceKind.Project).Select(s => s.Project!).ToList();

        projects.Should().HaveCountGreaterThanOrEqualTo(5);
        projects.Should().AllSatisfy(p => File.Exists(Path.Combine(_root, p)).Should().BeTrue($"{p} is started by ./run.sh"));
        File.Exists(Path.Combine(_root, _manifest.Dapr!.SidecarProject!)).Should().BeTrue("the sidecar project is started per service");
        Directory.Exists(Path.Combine(_root, _manifest.Dapr.ComponentsPath)).Should().BeTrue();
    }

    [Fact]
    public void The_suite_has_the_services_of_the_architecture_on_their_ports()
    {
        var ports = _manifest.Services.ToDictionary(s => s.Name, s => s.PrimaryBinding.Port);

        ports.Should().Contain(new Dictionary<string, int>
        {
            ["gateway"] = 8080, ["company-registry"] = 5101, ["licence-applications"] = 5102,
            ["fee-payments"] = 5103, ["notifications"] = 5104, ["demo-bank"] = 5199, ["postgres"] = 55432, ["redis"] = 56379,
        });
        _manifest.Services.Should().AllSatisfy(s => s.Replicas.Should().Be(1));
    }

    [Fact]
    public void No_two_listeners_share_a_port()
    {
        var listeners = _manifest.Services.SelectMany(s => s.Bindings.Select(b => b.Port))
            .Concat(_manifest.Services.Select(_manifest.SidecarOf).OfType<DaprSidecarSettings>()
                .SelectMany(d => new[] { d.HttpPort!.Value, d.GrpcPort!.Value }))
            .ToList();

        listeners.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Each_domain_service_has_a_sidecar_with_its_own_ports_and_the_edge_has_none()
    {
        var withSidecar = _manifest.Services.Where(s => _manifest.SidecarOf(s) is not null).Select(s => s.Name);

        withSidecar.Should().BeEquivalentTo("company-registry", "licence-applications", "fee-payments", "notifications");
        _manifest.SidecarOf(_manifest.Service("company-registry")).Should().Be(new DaprSidecarSettings(true, 3501, 50011));
        _manifest.SidecarOf(_manifest.Service("licence-applications")).Should().Be(new DaprSidecarSettings(true, 3502, 50012));
        _manifest.SidecarOf(_manifest.Service("fee-payments")).Should().Be(new DaprSidecarSettings(true, 3503, 50013));
        _manifest.SidecarOf(_manifest.Service("notifications")).Should().Be(new DaprSidecarSettings(true, 3504, 50014));
    }

    [Fact]
    public void Each_service_with_a_database_names_its_own()
    {
        var databases = _manifest.Services.ToDictionary(s => s.Name, s => InfraHost.DatabasesNamedIn(s.Env).ToList());

        databases["company-registry"].Should().Equal("registry");
        databases["licence-applications"].Should().Equal("applications");
        databases["fee-payments"].Should().Equal("payments");
        databases["notifications"].Should().Equal("notifications");
        databases["gateway"].Should().BeEmpty();
    }

    [Fact]
    public void Every_placeholder_in_tye_yaml_resolves_against_its_services()
    {
        var ports = new PortPlan(_manifest, useFreePorts: false);
        var values = _manifest.Services.SelectMany(s => s.Env).Select(e => e.Value);

        var resolved = values.Select(v => Placeholders.Substitute(v, ports.PortOf, _ => null)).ToList();

        resolved.Should().NotContain(v => v.Contains("${", StringComparison.Ordinal));
        resolved.Should().Contain("Host=127.0.0.1;Port=55432;Database=registry;Username=app;Password=app");
        resolved.Should().Contain("http://127.0.0.1:8080/dev");
    }
}

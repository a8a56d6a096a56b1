using G2B.Runner.Tye;

namespace G2B.Runner.Tests;

public sealed class TyeParserTests
{
    private const string Yaml = """
        name: sample
        extensions:
          - name: dapr
            components-path: dapr/components
            sidecar-project: tools/Sidecar/Sidecar.csproj
            services:
              api:
                http-port: 3600
                grpc-port: 50100
              edge:
                enabled: false
        services:
          - name: db
            image: postgres:15
            bindings:
              - port: 6000
          - name: api
            project: src/Api/Api.csproj
            bindings:
              - port: 7000
                protocol: http
            env:
              - name: ConnectionStrings__Database
                value: Host=127.0.0.1;Port=${service:db:port};Database=things
            readiness:
              http:
                path: /ready
          - name: edge
            project: src/Edge/Edge.csproj
            replicas: 1
            bindings:
              - port: 7001
          - name: tool
            executable: /bin/echo
            args: hello ${service:api:port}
            bindings:
              - port: 7002
        """;

    [Fact]
    public void Reads_services_bindings_env_and_readiness()
    {
        var manifest = TyeParser.Parse(Yaml);

        manifest.Name.Should().Be("sample");
        manifest.Services.Select(s => (s.Name, s.Kind)).Should().Equal(
            ("db", TyeServiceKind.Image), ("api", TyeServiceKind.Project), ("edge", TyeServiceKind.Project), ("tool", TyeServiceKind.Executable));
        var api = manifest.Service("api");
        api.PrimaryBinding.Should().Be(new TyeBinding(null, 7000, "http"));
        api.Env.Should().ContainSingle().Which.Key.Should().Be("ConnectionStrings__Database");
        api.HealthPath.Should().Be("/ready");
        manifest.Service("edge").HealthPath.Should().Be(TyeParser.DefaultHealthPath);
        manifest.Service("tool").Args.Should().Be("hello ${service:api:port}");
    }

    [Fact]
    public void Gives_sidecars_to_projects_unless_switched_off()
    {
        var manifest = TyeParser.Parse(Yaml);

        manifest.Dapr!.ComponentsPath.Should().Be("dapr/components");
        manifest.Dapr.SidecarProject.Should().Be("tools/Sidecar/Sidecar.csproj");
        manifest.SidecarOf(manifest.Service("api")).Should().Be(new DaprSidecarSettings(true, 3600, 50100));
        manifest.SidecarOf(manifest.Service("edge")).Should().BeNull();
        manifest.SidecarOf(manifest.Service("db")).Should().BeNull();
        manifest.SidecarOf(manifest.Service("tool")).Should().BeNull();
    }

    [Fact]
    public void Rejects_a_service_that_is_both_a_project_and_an_image()
    {
        var act = () => TyeParser.Parse("""
            services:
              - name: confused
                project: a.csproj
                image: redis:7
            """);

        act.Should().Throw<FormatException>().WithMessage("*confused*exactly one*");
    }

    [Fact]
    public void Rejects_a_service_declared_twice()
    {
        var act = () => TyeParser.Parse("""
            services:
              - name: twice
                image: redis:7
              - name: twice
                image: redis:7
            """);

        act.Should().Throw<FormatException>().WithMessage("*twice*declared twice*");
    }
}

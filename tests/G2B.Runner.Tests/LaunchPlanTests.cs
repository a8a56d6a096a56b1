using G2B.Runner.Cli;
using G2B.Runner.Hosting;
using G2B.Runner.Tye;

namespace G2B.Runner.Tests;

/// <summary>What each process is started with: daprd's flags, and the same ports and tokens on both sides.</summary>
public sealed class LaunchPlanTests
{
    private static readonly string _root = RepositoryLayout.FindRoot();
    private static readonly TyeManifest _manifest = TyeParser.ParseFile(Path.Combine(_root, "tye.yaml"));

    [Fact]
    public void A_service_and_its_sidecar_agree_on_ports_and_api_tokens()
    {
        var ports = new PortPlan(_manifest, useFreePorts: true);
        var plan = new LaunchPlan(_manifest, ports, new SuiteOptions(), _root, "Release", "/components");
        var service = _manifest.Service("fee-payments");

        var app = plan.ServiceSpec(service);
        var sidecar = plan.SidecarSpec(service)!;

        var (http, grpc) = ports.SidecarOf("fee-payments")!.Value;
        app.Environment["DAPR_HTTP_PORT"].Should().Be(http.ToString());
        app.Environment["DAPR_GRPC_PORT"].Should().Be(grpc.ToString());
        app.Arguments.Should().ContainInConsecutiveOrder("--urls", $"http://127.0.0.1:{ports.PortOf("fee-payments")}");
        app.Arguments[0].Should().EndWith("FeePayments.Api/bin/Release/net10.0/FeePayments.Api.dll");
        sidecar.Name.Should().Be("fee-payments-dapr");
        sidecar.Arguments.Should().ContainInConsecutiveOrder("--app-id", "fee-payments", "--app-port", ports.PortOf("fee-payments").ToString(),
            "--dapr-http-port", http.ToString(), "--dapr-grpc-port", grpc.ToString(), "--resources-path", "/components");
        plan.DaprApiToken.Should().NotBeNullOrEmpty().And.NotBe(plan.AppApiToken);
        sidecar.Environment["DAPR_API_TOKEN"].Should().Be(app.Environment["DAPR_API_TOKEN"]).And.Be(plan.DaprApiToken);
        sidecar.Environment["APP_API_TOKEN"].Should().Be(app.Environment["APP_API_TOKEN"]).And.Be(plan.AppApiToken);
    }

    [Fact]
    public void Every_sidecar_gets_the_environment_tye_yaml_gives_sidecars_and_not_its_services_settings()
    {
        var plan = new LaunchPlan(_manifest, new PortPlan(_manifest, useFreePorts: true), new SuiteOptions(), _root, "Release", "/components");
        _manifest.Dapr!.SidecarEnv.Should().NotBeEmpty();

        foreach (var name in new[] { "company-registry", "licence-applications", "fee-payments", "notifications" })
        {
            var sidecar = plan.SidecarSpec(_manifest.Service(name))!;
            foreach (var (key, value) in _manifest.Dapr.SidecarEnv)
            {
                sidecar.Environment.Should().Contain(key, value, name);
            }

            sidecar.Environment.Should().NotContainKey("ConnectionStrings__Database", "a service's own settings stay its own");
            sidecar.Environment.Should().NotContainKey("ASPNETCORE_ENVIRONMENT");
        }
    }

    [Fact]
    public void The_sidecar_runs_as_its_native_executable_only_while_that_is_as_new_as_the_dll_build()
    {
        var root = Directory.CreateTempSubdirectory("g2b-layout-").FullName;
        var project = _manifest.Dapr!.SidecarProject!;
        var dll = RepositoryLayout.OutputAssembly(root, project, "Release");
        var native = RepositoryLayout.NativeOutput(root, project, "Release");
        var plan = new LaunchPlan(_manifest, new PortPlan(_manifest, useFreePorts: true), new SuiteOptions(), root, "Release", "/components");
        var service = _manifest.Service("fee-payments");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(dll, "");

        plan.SidecarSpec(service)!.FileName.Should().Be("dotnet", "there is no native build");

        Directory.CreateDirectory(Path.GetDirectoryName(native)!);
        File.WriteAllText(native, "");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(-1));
        var current = plan.SidecarSpec(service)!;
        current.FileName.Should().Be(native);
        current.Arguments[0].Should().Be("--app-id", "daprd's flags, no dll");

        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(1));
        var stale = plan.SidecarSpec(service)!;
        stale.FileName.Should().Be("dotnet", "a change built since the publish must not run as the old binary");
        stale.Arguments[0].Should().Be(dll);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_gateway_runs_as_its_native_executable_only_while_that_is_as_new_as_the_dll_build()
    {
        var root = Directory.CreateTempSubdirectory("g2b-layout-").FullName;
        var service = _manifest.Service("gateway");
        var dll = RepositoryLayout.OutputAssembly(root, service.Project!, "Release");
        var native = RepositoryLayout.NativeOutput(root, service.Project!, "Release");
        var ports = new PortPlan(_manifest, useFreePorts: true);
        var plan = new LaunchPlan(_manifest, ports, new SuiteOptions(), root, "Release", "/components");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(dll, "");

        plan.ServiceSpec(service).FileName.Should().Be("dotnet", "there is no native build");

        Directory.CreateDirectory(Path.GetDirectoryName(native)!);
        File.WriteAllText(native, "");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(-1));
        var current = plan.ServiceSpec(service);
        current.FileName.Should().Be(native);
        current.Arguments.Should().Equal("--urls", $"http://127.0.0.1:{ports.PortOf("gateway")}");
        current.WorkingDirectory.Should().Be(Path.GetDirectoryName(Path.Combine(root, service.Project!)), "its appsettings.json are there");
        current.Environment["ASPNETCORE_ENVIRONMENT"].Should().Be("Development");

        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(1));
        var stale = plan.ServiceSpec(service);
        stale.FileName.Should().Be("dotnet", "a change built since the publish must not run as the old binary");
        stale.Arguments[0].Should().Be(dll);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_sidecar_and_each_project_that_declares_PublishAot_are_published_natively()
    {
        var plan = new LaunchPlan(_manifest, new PortPlan(_manifest, useFreePorts: true), new SuiteOptions(), _root, "Release", "/components");

        plan.NativeProjects(_manifest.Services).Should().Equal(_manifest.Dapr!.SidecarProject, _manifest.Service("gateway").Project);
        plan.NativeProjects([_manifest.Service("gateway"), _manifest.Service("portal")]).Should().Equal(
            [_manifest.Service("gateway").Project], "no service with a sidecar runs, and the portal is a JIT app");
        RepositoryLayout.DeclaresPublishAot(_root, _manifest.Service("licence-applications").Project!).Should().BeFalse();
    }

    [Fact]
    public void Free_ports_reach_the_connection_strings_and_overrides_win()
    {
        var ports = new PortPlan(_manifest, useFreePorts: true);
        var options = new SuiteOptions
        {
            Environment = new Dictionary<string, string> { ["Otel__Endpoint"] = "" },
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["gateway"] = new Dictionary<string, string> { ["Auth__DevIssuer__Enabled"] = "false" },
            },
        };
        var plan = new LaunchPlan(_manifest, ports, options, _root, "Debug", "/components");

        var registry = plan.EnvironmentOf(_manifest.Service("company-registry"));
        var gateway = plan.EnvironmentOf(_manifest.Service("gateway"));

        registry["ConnectionStrings__Database"].Should().Contain($"Port={ports.PortOf("postgres")};Database=registry");
        registry["Auth__Authority"].Should().Be($"http://127.0.0.1:{ports.PortOf("gateway")}/dev");
        registry.Should().ContainKey("Otel__Endpoint");
        gateway["Auth__DevIssuer__Enabled"].Should().Be("false");
        gateway.Should().NotContainKey("DAPR_HTTP_PORT", "the gateway runs without a sidecar");
        plan.SidecarSpec(_manifest.Service("gateway")).Should().BeNull();
    }

    [Fact]
    public void Every_binding_of_an_executable_moves_with_free_ports_and_its_clients_follow()
    {
        // Beside a ./run.sh the end-to-end suite must not reach for smtp4dev's fixed ports.
        var ports = new PortPlan(_manifest, useFreePorts: true);
        var plan = new LaunchPlan(_manifest, ports, new SuiteOptions(), _root, "Release", "/components");

        var smtp4dev = plan.ServiceSpec(_manifest.Service("smtp4dev"));
        var notifications = plan.EnvironmentOf(_manifest.Service("notifications"));

        var smtp = ports.PortOf("smtp4dev.smtp");
        smtp4dev.Arguments.Should().Contain($"--urls=http://127.0.0.1:{ports.PortOf("smtp4dev")}")
            .And.Contain($"--smtpport={smtp}")
            .And.Contain($"--imapport={ports.PortOf("smtp4dev.imap")}")
            .And.Contain($"--pop3port={ports.PortOf("smtp4dev.pop3")}");
        smtp4dev.Arguments.Should().NotContain(a => a.EndsWith("=2525") || a.EndsWith("=1143") || a.EndsWith("=1110"));
        notifications["Email__SmtpPort"].Should().Be(smtp.ToString());
        new PortPlan(_manifest, useFreePorts: false).PortOf("smtp4dev.smtp").Should().Be(2525);
    }

    [Fact]
    public void Dapr_components_are_pointed_at_the_redis_of_the_run()
    {
        var source = Directory.CreateTempSubdirectory("g2b-components-src").FullName;
        var target = Path.Combine(Directory.CreateTempSubdirectory("g2b-components").FullName, "out");
        File.WriteAllText(Path.Combine(source, "pubsub.yaml"), "redisHost\n  value: localhost:56379\nother: localhost:9999\n");

        var used = DaprComponents.Prepare(source, target, plannedRedisPort: 56379, actualRedisPort: 41234);

        used.Should().Be(target);
        File.ReadAllText(Path.Combine(target, "pubsub.yaml")).Should().Contain("value: 127.0.0.1:41234").And.Contain("localhost:9999");
    }

    [Fact]
    public void The_walkthrough_targets_the_gateway_of_the_run()
    {
        var text = Banner.Walkthrough("http://127.0.0.1:43210");

        text.Should().StartWith("G=http://127.0.0.1:43210");
        text.Should().Contain("/dev/token").And.Contain("/api/companies").And.Contain("/api/licence-types")
            .And.Contain("/api/applications").And.Contain("/api/invoices/").And.Contain("/bank/v1/payments");
    }
}

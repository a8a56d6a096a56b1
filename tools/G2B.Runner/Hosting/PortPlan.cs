using G2B.LocalInfra;
using G2B.Runner.Tye;

namespace G2B.Runner.Hosting;

/// <summary>The ports of one run: tye.yaml's, or free ones for each binding and sidecar.</summary>
public sealed class PortPlan
{
    private readonly Dictionary<string, int> _ports = [];
    private readonly Dictionary<string, (int Http, int Grpc)> _sidecars = [];

    public PortPlan(TyeManifest manifest, bool useFreePorts)
    {
        foreach (var service in manifest.Services)
        {
            _ports[service.Name] = useFreePorts ? FreePort.Next() : service.PrimaryBinding.Port;

            // Further named bindings (smtp4dev's SMTP port beside its web UI) are "NAME.BINDING".
            foreach (var binding in service.Bindings.Skip(1).Where(b => b.Name is not null))
            {
                _ports[$"{service.Name}.{binding.Name}"] = useFreePorts ? FreePort.Next() : binding.Port;
            }
            if (manifest.SidecarOf(service) is { } sidecar)
            {
                _sidecars[service.Name] = useFreePorts
                    ? (FreePort.Next(), FreePort.Next())
                    : (sidecar.HttpPort ?? throw MissingPort(service, "http-port"),
                       sidecar.GrpcPort ?? throw MissingPort(service, "grpc-port"));
            }
        }
    }

    public int PortOf(string service) =>
        _ports.TryGetValue(service, out var port) ? port : throw new KeyNotFoundException($"No port for '{service}'.");

    public (int Http, int Grpc)? SidecarOf(string service) =>
        _sidecars.TryGetValue(service, out var ports) ? ports : null;

    /// <summary>Infrastructure may end up elsewhere than planned (free ports picked by LocalInfra).</summary>
    public void AssignInfra(InfraHost infra)
    {
        if (infra.PostgresService is { } pg)
        {
            _ports[pg] = infra.Postgres!.Port;
        }

        if (infra.RedisService is { } rd)
        {
            _ports[rd] = infra.Redis!.Port;
        }
    }

    /// <summary>Fails early, and says why, when a fixed port is taken (typically: the suite already runs).</summary>
    public void EnsureFree(IEnumerable<TyeService> services)
    {
        foreach (var service in services)
        {
            var wanted = new[] { PortOf(service.Name) }.Concat(SidecarOf(service.Name) is { } s ? [s.Http, s.Grpc] : []);
            if (wanted.FirstOrDefault(FreePort.IsListening) is var busy and > 0)
            {
                throw new InvalidOperationException($"Port {busy} of {service.Name} is in use: is the suite already running?");
            }
        }
    }

    private static FormatException MissingPort(TyeService service, string key) =>
        new($"The dapr extension in tye.yaml needs {key} for '{service.Name}'.");
}

using System.Collections.Concurrent;
using G2B.LocalInfra;
using G2B.Runner.Tye;

namespace G2B.Runner.Hosting;

/// <summary>
/// Runs the suite tye.yaml describes: PostgreSQL and Redis through G2B.LocalInfra, one local Dapr
/// sidecar per dapr-enabled project, every project from its build output; waits until each is
/// healthy. Used by ./run.sh (through the runner's console) and by end-to-end tests.
/// </summary>
public sealed partial class SuiteHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ManagedProcess> _processes = new();
    private readonly SuiteOptions _options;
    private readonly LaunchPlan _plan;
    private readonly PortPlan _ports;
    private readonly InfraHost _infra;
    private readonly Watchdog _watchdog;
    private readonly string _logDirectory;
    private int _stopped;

    private SuiteHost(SuiteOptions options, TyeManifest manifest, IReadOnlyList<TyeService> services, LaunchPlan plan,
        PortPlan ports, InfraHost infra, Watchdog watchdog, string logDirectory)
    {
        _options = options;
        Manifest = manifest;
        Services = services;
        _plan = plan;
        _ports = ports;
        _infra = infra;
        _watchdog = watchdog;
        _logDirectory = logDirectory;
    }

    public TyeManifest Manifest { get; }

    /// <summary>The services of tye.yaml this host runs (infrastructure excluded).</summary>
    public IReadOnlyList<TyeService> Services { get; }

    public LocalPostgres Postgres => _infra.Postgres ?? throw new InvalidOperationException("tye.yaml has no postgres service.");

    public LocalRedis Redis => _infra.Redis ?? throw new InvalidOperationException("tye.yaml has no redis service.");

    public string? DaprApiToken => _plan.DaprApiToken;

    public string LogDirectory => _logDirectory;

    /// <summary>Names of the processes started (services and "&lt;service&gt;-dapr" sidecars).</summary>
    public IReadOnlyCollection<string> ProcessNames => [.. _processes.Keys];

    public string Url(string name) => _plan.Url(name);

    public int Port(string name) => _ports.PortOf(name);

    public (int Http, int Grpc)? SidecarPorts(string service) => _ports.SidecarOf(service);

    public int? ProcessId(string name) => _processes.TryGetValue(name, out var p) && !p.HasExited ? p.Id : null;

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // Nothing may come back while everything goes down.
        await StopSupervisionAsync();

        // Services before their sidecars, so the last events published still have a way out.
        var sidecars = _processes.Where(p => p.Key.EndsWith(LaunchPlan.SidecarSuffix, StringComparison.Ordinal)).ToList();
        await Task.WhenAll(_processes.Except(sidecars).Select(p => p.Value.DisposeAsync().AsTask()));
        await Task.WhenAll(sidecars.Select(p => p.Value.DisposeAsync().AsTask()));
        _processes.Clear();
        await _infra.StopAsync();
        DeleteSuiteFile();
        _watchdog.Dispose();
    }

    /// <summary>Last resort from a process-exit handler: kill everything without waiting.</summary>
    public void StopNow()
    {
        if (Volatile.Read(ref _stopped) == 1)
        {
            return;
        }

        _supervision.Cancel();
        foreach (var process in _processes.Values)
        {
            process.KillNow();
        }

        _infra.Redis?.KillAsync().GetAwaiter().GetResult();
        _infra.Postgres?.StopNow();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    // A service and its sidecar start together: each waits for the other to be reachable.
    private IEnumerable<(ProcessSpec Spec, Uri Health)> LaunchesOf(TyeService service)
    {
        if (_plan.SidecarSpec(service) is { } sidecar)
        {
            yield return (sidecar, HealthUrl(service, true));
        }

        yield return (_plan.ServiceSpec(service), HealthUrl(service, false));
    }

    private async Task LaunchAsync(ProcessSpec spec, Uri health, CancellationToken ct)
    {
        var process = ManagedProcess.Start(spec, Path.Combine(_logDirectory, spec.Name + ".log"), _options.Output ?? ((_, _) => { }));
        if (!_processes.TryAdd(spec.Name, process))
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"{spec.Name} is already running.");
        }

        TrackProcesses();
        await HealthProbe.WaitAsync(spec.Name, health, process, _options.HealthTimeout, ct);
        WriteSuiteFile();

        _options.Log?.Invoke($"{spec.Name} is healthy ({health}).");
    }

    private Uri HealthUrl(TyeService service, bool sidecar) => sidecar
        ? new Uri($"http://{Placeholders.Host}:{_ports.SidecarOf(service.Name)!.Value.Http}/v1.0/healthz")
        : new Uri(Url(service.Name) + service.HealthPath);

    private void TrackProcesses()
    {
        var tracked = _processes.Values.Where(p => !p.HasExited).Select(p => ("KILL", p.Id.ToString())).ToList();
        if (_infra.Redis is { } redis)
        {
            tracked.Add(("REDIS", redis.Port.ToString()));
        }

        if (_infra.Postgres is { } postgres)
        {
            tracked.Add(("PG", Path.Combine(postgres.BaseDirectory, "data")));
        }

        _watchdog.Track(tracked);
    }
}

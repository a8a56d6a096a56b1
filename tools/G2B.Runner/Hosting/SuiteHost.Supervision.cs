using G2B.Runner.Supervision;

namespace G2B.Runner.Hosting;

/// <summary>
/// Supervision: every process of the suite (services, sidecars, PostgreSQL, Redis, the demo bank)
/// is restarted when it dies, on the same ports with the same settings, until the suite is stopped.
/// </summary>
public sealed partial class SuiteHost
{
    private readonly CancellationTokenSource _supervision = new();
    private readonly Dictionary<string, Supervisor> _supervisors = [];
    private readonly List<Task> _supervising = [];

    /// <summary>How often the named process came back after dying; 0 when it never died (or is not supervised).</summary>
    public int Restarts(string name) => _supervisors.TryGetValue(name, out var s) ? s.Restarts : 0;

    /// <summary>
    /// Simulates a crash: SIGKILL of a service, a sidecar ("&lt;service&gt;-dapr"), the postmaster
    /// ("postgres") or Redis ("redis"). The supervisor restarts it; see <see cref="WaitUntilBackAsync"/>.
    /// </summary>
    /// <returns>The restart count before the kill, for <see cref="WaitUntilBackAsync"/>.</returns>
    public async Task<int> KillAsync(string name)
    {
        var before = Restarts(name);
        if (name == _infra.PostgresService)
        {
            var pid = _infra.PostgresProcessId ?? throw new InvalidOperationException("PostgreSQL is not running.");
            // The postmaster alone, as kill -9 does: its backends notice and end themselves.
            ProcessTree.Kill(pid);
            await WaitUntilAsync(() => !ProcessTree.IsAlive(pid));
        }
        else if (name == _infra.RedisService)
        {
            await Redis.KillAsync();
        }
        else if (_processes.TryGetValue(name, out var process))
        {
            await process.KillAsync();
        }
        else
        {
            throw new InvalidOperationException($"No process named {name}.");
        }

        return before;
    }

    /// <summary>Waits until the supervisor has brought the process back healthy after the given restart count.</summary>
    public Task WaitUntilBackAsync(string name, int restartsBefore, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Restarts(name) > restartsBefore, timeout ?? TimeSpan.FromMinutes(3), $"{name} to be restarted");

    /// <summary>
    /// The deliberate stop: from now on nothing is restarted. Call it as soon as Ctrl-C arrives, since
    /// the terminal sends SIGINT to the children too and their exit must not look like a crash.
    /// </summary>
    public void EndSupervision() => _supervision.Cancel();

    private void Supervise()
    {
        if (!_options.Supervise)
        {
            return;
        }

        var units = _processes.Keys.Select(name => new SupervisedUnit(name, ct => WaitForExitAsync(name, ct), ct => RelaunchAsync(name, ct)))
            .ToList();
        if (_infra.PostgresService is { } pg)
        {
            units.Add(new SupervisedUnit(pg, PostgresExitAsync, async ct =>
            {
                await Postgres.StartAgainAsync(ct);
                WriteSuiteFile();
            }));
        }

        if (_infra.RedisService is { } redis)
        {
            units.Add(new SupervisedUnit(redis, RedisExitAsync, async ct =>
            {
                await Redis.StartAgainAsync(ct);
                WriteSuiteFile();
            }));
        }

        foreach (var unit in units)
        {
            var supervisor = new Supervisor(unit, _options.RestartPolicy, TimeProvider.System, _options.Log ?? (_ => { }));
            _supervisors[unit.Name] = supervisor;
            _supervising.Add(Task.Run(() => supervisor.RunAsync(_supervision.Token)));
        }
    }

    private async Task StopSupervisionAsync()
    {
        await _supervision.CancelAsync();
        await Task.WhenAll(_supervising);
    }

    private async Task<int?> WaitForExitAsync(string name, CancellationToken ct)
    {
        // Absent when its last restart failed before the process existed: dead, as far as we know.
        if (!_processes.TryGetValue(name, out var process))
        {
            return null;
        }

        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    // Same spec as at start-up (ports, tokens, environment), so peers find it where it was.
    private async Task RelaunchAsync(string name, CancellationToken ct)
    {
        var isSidecar = name.EndsWith(LaunchPlan.SidecarSuffix, StringComparison.Ordinal) && !Services.Any(s => s.Name == name);
        var service = Manifest.Service(isSidecar ? name[..^LaunchPlan.SidecarSuffix.Length] : name);
        var spec = (isSidecar ? _plan.SidecarSpec(service) : _plan.ServiceSpec(service))!;
        if (_processes.TryRemove(name, out var dead))
        {
            await dead.DisposeAsync();
        }

        await LaunchAsync(spec, HealthUrl(service, isSidecar), ct);
    }

    // Not our child (pg_ctl daemonises it): watch its pid.
    private async Task<int?> PostgresExitAsync(CancellationToken ct)
    {
        while (_infra.PostgresProcessId is { } pid && ProcessTree.IsAlive(pid))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return null;
    }

    private async Task<int?> RedisExitAsync(CancellationToken ct)
    {
        while (Redis.ProcessId is not null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return Redis.ExitCode;
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(condition, TimeSpan.FromSeconds(30), "the process to end");

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}

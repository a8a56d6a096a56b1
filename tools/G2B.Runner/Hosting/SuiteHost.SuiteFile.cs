namespace G2B.Runner.Hosting;

/// <summary>The suite file of a running suite (see <see cref="SuiteFile"/>).</summary>
public sealed partial class SuiteHost
{
    private readonly Lock _suiteFileLock = new();
    private bool _started;

    /// <summary>Where this run's suite file is: the work directory's suite.json.</summary>
    public string SuiteFilePath => Path.Combine(Path.GetDirectoryName(_logDirectory)!, SuiteFile.FileName);

    /// <summary>The processes of this run as they are now, and the databases the services were given.</summary>
    public SuiteFile DescribeSuite()
    {
        var processes = new List<SuiteFileProcess>();
        foreach (var (name, process) in _processes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var pid = process.HasExited ? (int?)null : process.Id;
            var isSidecar = name.EndsWith(LaunchPlan.SidecarSuffix, StringComparison.Ordinal) && !Services.Any(s => s.Name == name);
            if (isSidecar)
            {
                var http = _ports.SidecarOf(name[..^LaunchPlan.SidecarSuffix.Length])?.Http;
                processes.Add(new SuiteFileProcess(name, "sidecar", pid, http is null ? null : $"http://127.0.0.1:{http}", http));
            }
            else
            {
                processes.Add(new SuiteFileProcess(name, "service", pid, Url(name), Port(name)));
            }
        }

        if (_infra.PostgresService is { } pg)
        {
            processes.Add(new SuiteFileProcess(pg, "postgres", _infra.PostgresProcessId, null, _infra.Postgres?.Port));
        }

        if (_infra.RedisService is { } redis)
        {
            processes.Add(new SuiteFileProcess(redis, "redis", _infra.Redis?.ProcessId, null, _infra.Redis?.Port));
        }

        const string prefix = "ConnectionStrings__";
        var databases = Services
            .SelectMany(s => _plan.EnvironmentOf(s)
                .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => new SuiteFileDatabase(s.Name, e.Key[prefix.Length..], e.Value)))
            .ToList();
        return new SuiteFile(Environment.ProcessId, DateTimeOffset.UtcNow, processes, databases);
    }

    // After start-up and after every restart: a pid in the file is one that runs (or ran last).
    private void WriteSuiteFile()
    {
        lock (_suiteFileLock)
        {
            if (_started && Volatile.Read(ref _stopped) == 0)
            {
                DescribeSuite().WriteTo(SuiteFilePath);
            }
        }
    }

    private void MarkStarted()
    {
        _started = true;
        WriteSuiteFile();
    }

    private void DeleteSuiteFile()
    {
        lock (_suiteFileLock)
        {
            File.Delete(SuiteFilePath);
        }
    }
}

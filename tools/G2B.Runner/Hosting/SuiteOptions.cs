using G2B.Runner.Supervision;

namespace G2B.Runner.Hosting;

/// <summary>How <see cref="SuiteHost"/> runs the suite described by tye.yaml.</summary>
public sealed record SuiteOptions
{
    /// <summary>The checkout holding tye.yaml; null looks upwards from the current and the assembly's folder.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>State of this run: postgres/, redis/, logs/, dapr components. Null means &lt;root&gt;/.local.</summary>
    public string? WorkDirectory { get; init; }

    public string ManifestFile { get; init; } = "tye.yaml";

    /// <summary>Free loopback ports instead of tye.yaml's fixed ones (tests running beside ./run.sh).</summary>
    public bool UseFreePorts { get; init; }

    /// <summary>Build configuration whose output is started; null means the one this runner was built with.</summary>
    public string? Configuration { get; init; }

    /// <summary>Build the projects about to run first (one MSBuild call); off when the output is known to be fresh.</summary>
    public bool Build { get; init; }

    /// <summary>Only these services (plus what they need: infra, sidecars); null starts all.</summary>
    public IReadOnlyCollection<string>? Services { get; init; }

    /// <summary>Added to (and overriding) every service's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Per service name: added to (and overriding) that service's environment. Placeholders allowed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Random DAPR_API_TOKEN / APP_API_TOKEN shared by each service and its sidecar.</summary>
    public bool UseApiTokens { get; init; } = true;

    /// <summary>Restart every process that dies (services, sidecars, PostgreSQL, Redis) until the suite is stopped.</summary>
    public bool Supervise { get; init; } = true;

    /// <summary>The backoff between restarts of a process that keeps dying.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Default;

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Receives every output line of every process: (process name, line). Null discards.</summary>
    public Action<string, string>? Output { get; init; }

    /// <summary>Progress messages of the runner itself. Null discards.</summary>
    public Action<string>? Log { get; init; }
}

namespace G2B.DaprSidecar.Hosting;

/// <summary>How one sidecar runs: the subset of daprd's flags the suite uses, with daprd's names.</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>Null when the app receives nothing (no subscriptions are read, healthz does not wait for it).</summary>
    public int? AppPort { get; init; }

    public string AppProtocol { get; init; } = "http";

    /// <summary>0 picks a free port (the host reports the one it bound).</summary>
    public int HttpPort { get; init; } = 3500;

    public int GrpcPort { get; init; } = 50001;

    public string? ResourcesPath { get; init; }

    public string? ConfigPath { get; init; }

    public string LogLevel { get; init; } = "info";

    public string? DaprApiToken { get; init; }

    public string? AppApiToken { get; init; }

    /// <summary>Deliveries in flight to the app at once (daprd's --app-max-concurrency; unbounded there by default).</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>
    /// How often the app's GET /dapr/subscribe is read again, so an app restarted with new routes is picked up
    /// (daprd reads it once, at start). Each read is a request the app serves and logs, so not every few seconds.
    /// </summary>
    public TimeSpan SubscriptionRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a blocking XREADGROUP waits before the reader loop looks around again (new topics). A new entry
    /// ends the wait at once, and so does stopping; the length only sets how often an idle reader asks Redis again.
    /// </summary>
    public TimeSpan ReadBlock { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before a faulted background loop is restarted; it doubles on each fault, up to 30 s.</summary>
    public TimeSpan LoopRestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Parses daprd's flags (<c>--app-id x</c> or <c>--app-id=x</c>) plus the token variables.</summary>
    /// <exception cref="ArgumentException">A flag the sidecar knows has no value or a wrong one, or --app-id is missing.</exception>
    public static SidecarOptions Parse(string[] args, Func<string, string?> env)
    {
        var parsed = DaprdFlags.Command().Parse(DaprdFlags.FromGoStyle(args));
        if (parsed.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", parsed.Errors.Select(e => e.Message)));
        }

        var appId = parsed.GetValue(DaprdFlags.AppId) ?? throw new ArgumentException("--app-id is required.");
        return new SidecarOptions
        {
            AppId = appId,
            AppPort = parsed.GetValue(DaprdFlags.AppPort) is > 0 and var port ? port : null,
            AppProtocol = parsed.GetValue(DaprdFlags.AppProtocol) ?? "http",
            HttpPort = parsed.GetValue(DaprdFlags.HttpPort) ?? 3500,
            GrpcPort = parsed.GetValue(DaprdFlags.GrpcPort) ?? 50001,
            ResourcesPath = parsed.GetValue(DaprdFlags.ResourcesPath),
            ConfigPath = parsed.GetValue(DaprdFlags.Config),
            LogLevel = parsed.GetValue(DaprdFlags.LogLevel) ?? "info",
            DaprApiToken = Empty(env("DAPR_API_TOKEN")),
            AppApiToken = Empty(env("APP_API_TOKEN")),
            MaxConcurrency = parsed.GetValue(DaprdFlags.AppMaxConcurrency) is > 0 and var c ? c : 16,
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

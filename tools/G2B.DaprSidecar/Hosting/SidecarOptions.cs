using System.Globalization;

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

    /// <summary>How often the app's GET /dapr/subscribe is read again, so an app restarted with new routes is picked up.</summary>
    public TimeSpan SubscriptionRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a blocking XREADGROUP waits before the reader loop looks around again.</summary>
    public TimeSpan ReadBlock { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait before a faulted background loop is restarted; it doubles on each fault, up to 30 s.</summary>
    public TimeSpan LoopRestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Parses daprd-style arguments (<c>--app-id x</c> or <c>--app-id=x</c>) plus the token variables.</summary>
    public static SidecarOptions Parse(string[] args, Func<string, string?> env)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var name = arg.TrimStart('-');
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                values[name[..eq]] = name[(eq + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i];
            }
            else
            {
                values[name] = "true";
            }
        }

        string? Get(params string[] names) => names.Select(n => values.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);
        int? Int(params string[] names) => Get(names) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

        var appId = Get("app-id") ?? throw new ArgumentException("--app-id is required.");
        var appPort = Int("app-port");
        return new SidecarOptions
        {
            AppId = appId,
            AppPort = appPort is > 0 ? appPort : null,
            AppProtocol = Get("app-protocol") ?? "http",
            HttpPort = Int("dapr-http-port") ?? 3500,
            GrpcPort = Int("dapr-grpc-port") ?? 50001,
            ResourcesPath = Get("resources-path", "components-path"),
            ConfigPath = Get("config"),
            LogLevel = Get("log-level") ?? "info",
            DaprApiToken = Empty(env("DAPR_API_TOKEN")),
            AppApiToken = Empty(env("APP_API_TOKEN")),
            MaxConcurrency = Int("app-max-concurrency") is int c && c > 0 ? c : 16,
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

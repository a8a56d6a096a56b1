using System.CommandLine;

namespace G2B.DaprSidecar.Hosting;

/// <summary>
/// daprd's flags, by daprd's names, so a script or tye.yaml can start either. Flags only daprd
/// knows are left unmatched and ignored, not refused.
/// </summary>
internal static class DaprdFlags
{
    public static readonly Option<string> AppId = Flag<string>("app-id", "The app's id (required).");
    public static readonly Option<int?> AppPort = Flag<int?>("app-port", "Where the app listens; absent or 0 for a publish-only sidecar.");
    public static readonly Option<string> AppProtocol = Flag<string>("app-protocol", "http (the only protocol).");
    public static readonly Option<int?> HttpPort = Flag<int?>("dapr-http-port", "The sidecar's HTTP API port (3500).");
    public static readonly Option<int?> GrpcPort = Flag<int?>("dapr-grpc-port", "The sidecar's gRPC API port (50001).");
    public static readonly Option<string> ResourcesPath = Flag<string>("resources-path", "The components folder.", "components-path");
    public static readonly Option<string> Config = Flag<string>("config", "Accepted, not read.");
    public static readonly Option<string> LogLevel = Flag<string>("log-level", "debug, info, warn or error (info).");
    public static readonly Option<int?> AppMaxConcurrency = Flag<int?>("app-max-concurrency", "Deliveries in flight to the app at once (16).");

    public static RootCommand Command() => Build();

    /// <summary>daprd is a Go program: <c>-app-id</c> means <c>--app-id</c> there, and so it does here.</summary>
    public static string[] FromGoStyle(IEnumerable<string> args)
    {
        var names = Build().Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        return [.. args.Select(a => a.Length > 2 && a[0] == '-' && a[1] != '-' && names.Contains("-" + a.Split('=')[0]) ? "-" + a : a)];
    }

    private static RootCommand Build() => new("A local, Dapr-compatible sidecar: the pub/sub slice of daprd.")
    {
        TreatUnmatchedTokensAsErrors = false,
        Options = { AppId, AppPort, AppProtocol, HttpPort, GrpcPort, ResourcesPath, Config, LogLevel, AppMaxConcurrency },
    };

    private static Option<T> Flag<T>(string name, string description, params string[] aliases) =>
        new($"--{name}", [.. aliases.Select(a => $"--{a}")]) { Description = description };
}

using System.Text.RegularExpressions;
using G2B.Runner.Tye;

namespace G2B.Runner.Hosting;

/// <summary>
/// Turns tye.yaml services into command lines: a project runs from its build output as
/// <c>dotnet X.dll --urls ...</c> in its project folder (so appsettings.*.json are found, as with
/// dotnet run); its sidecar gets daprd's flags and the same API tokens the service gets.
/// </summary>
public sealed partial class LaunchPlan(
    TyeManifest manifest,
    PortPlan ports,
    SuiteOptions options,
    string root,
    string configuration,
    string componentsPath)
{
    public const string SidecarSuffix = "-dapr";

    public string? DaprApiToken { get; } = options.UseApiTokens ? NewToken() : null;

    public string? AppApiToken { get; } = options.UseApiTokens ? NewToken() : null;

    public string Url(string service) => $"http://{Placeholders.Host}:{ports.PortOf(service)}";

    public IReadOnlyDictionary<string, string> EnvironmentOf(TyeService service)
    {
        var env = new Dictionary<string, string>();
        foreach (var (key, value) in service.Env)
        {
            env[key] = Substitute(value);
        }

        foreach (var (key, value) in options.Environment)
        {
            env[key] = Substitute(value);
        }

        foreach (var (key, value) in options.ServiceEnvironment.GetValueOrDefault(service.Name) ?? new Dictionary<string, string>())
        {
            env[key] = Substitute(value);
        }

        env["PORT"] = ports.PortOf(service.Name).ToString();
        if (ports.SidecarOf(service.Name) is { } sidecar)
        {
            // What daprd puts in its app's environment; Dapr.Client reads them.
            env["DAPR_HTTP_PORT"] = sidecar.Http.ToString();
            env["DAPR_GRPC_PORT"] = sidecar.Grpc.ToString();
            AddTokens(env);
        }

        return env;
    }

    public ProcessSpec ServiceSpec(TyeService service) => service.Kind switch
    {
        TyeServiceKind.Project => ProjectSpec(service),
        TyeServiceKind.Executable => new ProcessSpec(
            service.Name, Substitute(service.Executable!), SplitArgs(service.Args), root, EnvironmentOf(service)),
        _ => throw new InvalidOperationException($"'{service.Name}' is infrastructure, started by InfraHost."),
    };

    /// <summary>
    /// A project runs from its build output; a project published as Native AOT (the gateway) runs as that binary while
    /// it is current, with the same arguments, in the same folder (its appsettings.*.json are found there too).
    /// </summary>
    private ProcessSpec ProjectSpec(TyeService service)
    {
        var native = RepositoryLayout.CurrentNativeOutput(root, service.Project!, configuration);
        string[] args = ["--urls", Url(service.Name), .. SplitArgs(service.Args)];
        return new ProcessSpec(
            service.Name,
            native ?? "dotnet",
            native is null ? [OutputOf(service.Project!), .. args] : args,
            Path.GetDirectoryName(Path.Combine(root, service.Project!))!,
            EnvironmentOf(service));
    }

    public ProcessSpec? SidecarSpec(TyeService service)
    {
        if (ports.SidecarOf(service.Name) is not { } sidecar)
        {
            return null;
        }

        if (manifest.Dapr is not { SidecarProject: { } project } dapr)
        {
            throw new FormatException("The dapr extension in tye.yaml names no sidecar-project.");
        }

        // The runtime's and glibc's settings the services get (tye.yaml's sidecar-env): the native binary's GC and
        // native heap take the same knobs.
        var env = dapr.SidecarEnv.ToDictionary(e => e.Key, e => Substitute(e.Value));
        AddTokens(env);
        string[] flags =
        [
            "--app-id", service.Name,
            "--app-port", ports.PortOf(service.Name).ToString(),
            "--dapr-http-port", sidecar.Http.ToString(),
            "--dapr-grpc-port", sidecar.Grpc.ToString(),
            "--resources-path", componentsPath,
        ];
        // The Native AOT binary (a third of the JIT process's memory, four times over) when it is current.
        var native = RepositoryLayout.CurrentNativeOutput(root, project, configuration);
        return new ProcessSpec(
            service.Name + SidecarSuffix,
            native ?? "dotnet",
            native is null ? [OutputOf(project), .. flags] : flags,
            Path.GetDirectoryName(Path.Combine(root, project))!,
            env);
    }

    /// <summary>Every project whose build output must exist before anything starts.</summary>
    public IEnumerable<string> ProjectsToRun(IEnumerable<TyeService> services)
    {
        var projects = services.Where(s => s.Kind == TyeServiceKind.Project).Select(s => s.Project!).ToList();
        if (services.Any(s => ports.SidecarOf(s.Name) is not null) && manifest.Dapr?.SidecarProject is { } sidecar)
        {
            projects.Add(sidecar);
        }

        return projects;
    }

    /// <summary>
    /// The projects to publish as Native AOT after the build: the sidecar's when any service has a sidecar, and each
    /// project about to run whose project file declares <c>PublishAot</c> (the gateway).
    /// </summary>
    public IEnumerable<string> NativeProjects(IEnumerable<TyeService> services)
    {
        var projects = services
            .Where(s => s.Kind == TyeServiceKind.Project && RepositoryLayout.DeclaresPublishAot(root, s.Project!))
            .Select(s => s.Project!)
            .ToList();
        if (services.Any(s => ports.SidecarOf(s.Name) is not null) && manifest.Dapr?.SidecarProject is { } sidecar)
        {
            projects.Insert(0, sidecar);
        }

        return projects;
    }

    public string OutputOf(string project) => RepositoryLayout.OutputAssembly(root, project, configuration);

    public string Substitute(string value) => Placeholders.Substitute(value, ports.PortOf);

    private void AddTokens(Dictionary<string, string> env)
    {
        if (DaprApiToken is not null && AppApiToken is not null)
        {
            env["DAPR_API_TOKEN"] = DaprApiToken;
            env["APP_API_TOKEN"] = AppApiToken;
        }
    }

    private List<string> SplitArgs(string? args) =>
        args is null ? [] : [.. Whitespace().Split(Substitute(args).Trim()).Where(a => a.Length > 0)];

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

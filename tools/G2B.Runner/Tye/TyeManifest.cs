namespace G2B.Runner.Tye;

/// <summary>What tye.yaml describes, reduced to what the runner acts on.</summary>
public sealed record TyeManifest(string Name, IReadOnlyList<TyeService> Services, DaprSettings? Dapr)
{
    public TyeService Service(string name) =>
        Services.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"tye.yaml has no service named '{name}'.");

    /// <summary>The sidecar ports of a service, or null when it runs without one.</summary>
    public DaprSidecarSettings? SidecarOf(TyeService service)
    {
        if (Dapr is null || service.Project is null)
        {
            return null;
        }

        // As in Tye's dapr extension: every project gets a sidecar unless switched off.
        var settings = Dapr.Services.GetValueOrDefault(service.Name) ?? new DaprSidecarSettings(true, null, null);
        return settings.Enabled ? settings : null;
    }
}

public enum TyeServiceKind
{
    Project,
    Executable,
    Image,
}

public sealed record TyeService(
    string Name,
    TyeServiceKind Kind,
    string? Project,
    string? Executable,
    string? Image,
    string? Args,
    int Replicas,
    IReadOnlyList<TyeBinding> Bindings,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string HealthPath)
{
    public TyeBinding PrimaryBinding =>
        Bindings.FirstOrDefault() ?? throw new InvalidOperationException($"Service '{Name}' has no binding.");
}

public sealed record TyeBinding(string? Name, int Port, string Protocol);

/// <summary>
/// The dapr extension: where the components are, which ports each sidecar listens on, and (not Tye keys) the local
/// sidecar's project and the environment every local sidecar gets.
/// </summary>
public sealed record DaprSettings(
    string ComponentsPath,
    string? SidecarProject,
    IReadOnlyDictionary<string, DaprSidecarSettings> Services,
    IReadOnlyList<KeyValuePair<string, string>> SidecarEnv);

public sealed record DaprSidecarSettings(bool Enabled, int? HttpPort, int? GrpcPort);

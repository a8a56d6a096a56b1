using YamlDotNet.RepresentationModel;

namespace G2B.Runner.Tye;

/// <summary>
/// Reads the subset of Tye's tye.yaml schema the suite uses: services with project, executable or
/// image, bindings, env, replicas, a readiness path, and the dapr extension with per-service ports.
/// Unknown keys are ignored, as Tye does.
/// </summary>
public static class TyeParser
{
    public const string DefaultHealthPath = "/healthz";

    public static TyeManifest ParseFile(string path) => Parse(File.ReadAllText(path));

    public static TyeManifest Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("tye.yaml is empty or not a mapping.");
        }

        var services = Sequence(root, "services").Select(ParseService).ToList();
        var duplicate = services.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Service '{duplicate.Key}' is declared twice.");
        }

        var dapr = Sequence(root, "extensions")
            .OfType<YamlMappingNode>()
            .Where(e => Scalar(e, "name") == "dapr")
            .Select(ParseDapr)
            .FirstOrDefault();
        return new TyeManifest(Scalar(root, "name") ?? "app", services, dapr);
    }

    private static TyeService ParseService(YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw new FormatException("A service must be a mapping.");
        var name = Scalar(map, "name") ?? throw new FormatException("A service has no name.");
        var project = Scalar(map, "project");
        var executable = Scalar(map, "executable");
        var image = Scalar(map, "image");
        var kind = (project, executable, image) switch
        {
            (not null, null, null) => TyeServiceKind.Project,
            (null, not null, null) => TyeServiceKind.Executable,
            (null, null, not null) => TyeServiceKind.Image,
            _ => throw new FormatException($"Service '{name}' needs exactly one of project, executable or image."),
        };

        var bindings = Sequence(map, "bindings")
            .OfType<YamlMappingNode>()
            .Select(b => new TyeBinding(
                Scalar(b, "name"),
                int.Parse(Scalar(b, "port") ?? throw new FormatException($"A binding of '{name}' has no port.")),
                Scalar(b, "protocol") ?? "http"))
            .ToList();
        var env = Env(map, "env", $"'{name}'");
        var readiness = Child(Child(map, "readiness") as YamlMappingNode, "http");
        return new TyeService(
            name,
            kind,
            project,
            executable,
            image,
            Scalar(map, "args"),
            int.Parse(Scalar(map, "replicas") ?? "1"),
            bindings,
            env,
            Scalar(readiness, "path") ?? DefaultHealthPath);
    }

    private static DaprSettings ParseDapr(YamlMappingNode extension)
    {
        var services = new Dictionary<string, DaprSidecarSettings>();
        if (Child(extension, "services") is YamlMappingNode perService)
        {
            foreach (var (key, value) in perService.Children)
            {
                var settings = value as YamlMappingNode;
                services[((YamlScalarNode)key).Value!] = new DaprSidecarSettings(
                    Scalar(settings, "enabled") is not { } enabled || bool.Parse(enabled),
                    ParseInt(Scalar(settings, "http-port")),
                    ParseInt(Scalar(settings, "grpc-port")));
            }
        }

        return new DaprSettings(
            Scalar(extension, "components-path") ?? "components",
            Scalar(extension, "sidecar-project"),
            services,
            Env(extension, "sidecar-env", "the dapr extension"));
    }

    // Tye's env form: a list of name / value maps.
    private static List<KeyValuePair<string, string>> Env(YamlMappingNode map, string key, string owner) =>
        Sequence(map, key)
            .OfType<YamlMappingNode>()
            .Select(e => KeyValuePair.Create(
                Scalar(e, "name") ?? throw new FormatException($"An {key} entry of {owner} has no name."),
                Scalar(e, "value") ?? string.Empty))
            .ToList();

    private static int? ParseInt(string? value) => value is null ? null : int.Parse(value);

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlNode? map, string key) =>
        Child(map as YamlMappingNode, key) is YamlScalarNode { Value: { } value } ? value : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode sequence ? sequence.Children : [];
}

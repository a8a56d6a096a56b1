namespace Deployment.Tests.Infrastructure;

/// <summary>
/// The part of kustomize this repository's overlays use: resources (files and kustomization
/// directories), namespace, labels (metadata only), strategic-merge patches, replicas and images.
/// Anything else in a kustomization.yaml is refused, so a new feature cannot be silently ignored.
/// </summary>
public static class OverlayMerger
{
    private static readonly HashSet<string> _supported =
        ["apiVersion", "kind", "resources", "namespace", "labels", "patches", "replicas", "images"];

    // Kinds that live outside namespaces: the namespace transformer leaves them alone.
    private static readonly HashSet<string> _clusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding"];

    // Strategic-merge keys for the lists the patches touch; every other list is replaced.
    private static readonly HashSet<string> _mergeByName =
        ["containers", "initContainers", "env", "volumes", "volumeMounts", "ports"];

    public static List<Dictionary<string, object?>> Build(string directory)
    {
        var kustomization = Yaml.LoadFile(Path.Combine(directory, "kustomization.yaml")).Single();
        var unknown = kustomization.Keys.Where(k => !_supported.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"{directory}: kustomization fields not understood: {string.Join(", ", unknown)}");
        }

        var objects = new List<Dictionary<string, object?>>();
        foreach (var resource in kustomization.Strings("resources"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            objects.AddRange(Directory.Exists(path) ? Build(path) : Yaml.LoadFile(path));
        }

        foreach (var patchFile in kustomization.Maps("patches").Select(p => p.Str("path")!))
        {
            foreach (var patch in Yaml.LoadFile(Path.Combine(directory, patchFile)))
            {
                var target = objects.SingleOrDefault(o => o.Str("kind") == patch.Str("kind")
                    && o.Str("metadata.name") == patch.Str("metadata.name"))
                    ?? throw new InvalidOperationException($"patch {patchFile} targets a missing {patch.Str("kind")}/{patch.Str("metadata.name")}");
                Merge(target, patch);
            }
        }

        foreach (var replica in kustomization.Maps("replicas"))
        {
            foreach (var o in objects.Where(o => o.Str("metadata.name") == replica.Str("name") && o.At("spec") is not null
                         && o.Str("kind") is "Deployment" or "StatefulSet" or "ReplicaSet"))
            {
                o.Map("spec")["replicas"] = replica.Str("count");
            }
        }

        foreach (var label in kustomization.Maps("labels"))
        {
            foreach (var o in objects)
            {
                var metadata = o.Map("metadata");
                var labels = metadata.TryGetValue("labels", out var l) && l is Dictionary<string, object?> m ? m : [];
                foreach (var (key, value) in label.Map("pairs"))
                {
                    labels[key] = value;
                }
                metadata["labels"] = labels;
            }
        }

        if (kustomization.Str("namespace") is { } ns)
        {
            foreach (var o in objects.Where(o => !_clusterScoped.Contains(o.Str("kind") ?? "")))
            {
                o.Map("metadata")["namespace"] = ns;
            }
        }

        foreach (var image in kustomization.Maps("images"))
        {
            foreach (var container in objects.SelectMany(Containers))
            {
                var (name, _) = SplitImage(container.Str("image")!);
                if (name == image.Str("name"))
                {
                    container["image"] = $"{image.Str("newName") ?? name}:{image.Str("newTag")}";
                }
            }
        }
        return objects;
    }

    public static IEnumerable<Dictionary<string, object?>> Containers(Dictionary<string, object?> o) =>
        o.Maps("spec.template.spec.containers").Concat(o.Maps("spec.template.spec.initContainers"))
            .Concat(o.Maps("spec.jobTemplate.spec.template.spec.containers"));

    public static (string Name, string? Tag) SplitImage(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    private static void Merge(Dictionary<string, object?> target, Dictionary<string, object?> patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is Dictionary<string, object?> patchMap && target.GetValueOrDefault(key) is Dictionary<string, object?> targetMap)
            {
                Merge(targetMap, patchMap);
            }
            else if (value is List<object?> patchList && _mergeByName.Contains(key) && target.GetValueOrDefault(key) is List<object?> targetList)
            {
                // kustomize puts items the target lacks first, in the patch's order.
                var added = 0;
                foreach (var item in patchList.OfType<Dictionary<string, object?>>())
                {
                    var existing = targetList.OfType<Dictionary<string, object?>>().FirstOrDefault(t => t.Str("name") == item.Str("name"));
                    if (existing is null)
                    {
                        targetList.Insert(added++, Yaml.Clone(item));
                    }
                    else
                    {
                        Merge(existing, item);
                    }
                }
            }
            else
            {
                target[key] = Yaml.Clone(value);
            }
        }
    }
}

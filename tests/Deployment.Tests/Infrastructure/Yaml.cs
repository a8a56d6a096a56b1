using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Deployment.Tests.Infrastructure;

/// <summary>
/// YAML as plain trees: maps are <see cref="Dictionary{TKey,TValue}"/> of string to node, lists are
/// <see cref="List{T}"/>, scalars are strings. Untyped on purpose: kubectl's output quotes some
/// scalars the source leaves bare, and both must compare equal.
/// </summary>
public static class Yaml
{
    private static readonly IDeserializer _deserializer = new DeserializerBuilder().Build();

    public static List<Dictionary<string, object?>> LoadAll(string text)
    {
        var documents = new List<Dictionary<string, object?>>();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Normalize(_deserializer.Deserialize<object?>(parser)) is Dictionary<string, object?> map)
            {
                documents.Add(map);
            }
        }
        return documents;
    }

    public static List<Dictionary<string, object?>> LoadFile(string path) => LoadAll(File.ReadAllText(path));

    public static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => kv.Key.ToString()!, kv => Normalize(kv.Value)),
        IList<object?> list => list.Select(Normalize).ToList(),
        null => null,
        _ => node.ToString(),
    };

    public static object? Clone(object? node) => node switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Clone(kv.Value)),
        List<object?> list => list.Select(Clone).ToList(),
        _ => node,
    };

    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && DeepEquals(kv.Value, v)),
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        // An empty map and a missing/null value mean the same to Kubernetes (e.g. `data: {}`).
        (Dictionary<string, object?> { Count: 0 }, null) or (null, Dictionary<string, object?> { Count: 0 }) => true,
        _ => Equals(a, b),
    };

    /// <summary>
    /// Walks a dotted path of map keys; null when any step is missing. Keys may hold dots
    /// themselves (annotations such as "dapr.io/app-id"): the longest key that exists wins.
    /// </summary>
    public static object? At(this object? node, string path)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length;)
        {
            if (node is not Dictionary<string, object?> map)
            {
                return null;
            }
            var next = Enumerable.Range(i + 1, parts.Length - i).Reverse()
                .FirstOrDefault(end => map.ContainsKey(string.Join('.', parts[i..end])));
            if (next == 0)
            {
                return null;
            }
            node = map[string.Join('.', parts[i..next])];
            i = next;
        }
        return node;
    }

    public static string? Str(this object? node, string path) => node.At(path) as string;

    public static Dictionary<string, object?> Map(this object? node, string path) =>
        node.At(path) as Dictionary<string, object?> ?? [];

    public static List<Dictionary<string, object?>> Maps(this object? node, string path) =>
        (node.At(path) as List<object?> ?? []).OfType<Dictionary<string, object?>>().ToList();

    public static List<string> Strings(this object? node, string path) =>
        (node.At(path) as List<object?> ?? []).OfType<string>().ToList();
}

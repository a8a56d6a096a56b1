using System.Text.RegularExpressions;

namespace G2B.Runner.Hosting;

/// <summary>
/// Copies the Dapr component files for one run, pointing Redis addresses at the Redis this run
/// started: with free ports it is not on the port the checked-in components name.
/// </summary>
public static partial class DaprComponents
{
    /// <returns>The folder to pass as <c>--resources-path</c>.</returns>
    public static string Prepare(string source, string target, int plannedRedisPort, int actualRedisPort)
    {
        if (!Directory.Exists(source))
        {
            return source;
        }

        Directory.CreateDirectory(target);
        foreach (var stale in Directory.EnumerateFiles(target))
        {
            File.Delete(stale);
        }

        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var text = RedisAddress().Replace(
                File.ReadAllText(file),
                m => m.Groups["port"].Value == plannedRedisPort.ToString() ? $"127.0.0.1:{actualRedisPort}" : m.Value);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }

        return target;
    }

    [GeneratedRegex(@"(?:localhost|127\.0\.0\.1):(?<port>\d+)")]
    private static partial Regex RedisAddress();
}

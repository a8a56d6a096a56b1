using System.Collections.Concurrent;
using System.Diagnostics;

namespace Deployment.Tests.Infrastructure;

/// <summary>
/// Renders an overlay with the real kustomize (kubectl's built-in, or a standalone binary) when
/// the machine has one, else with <see cref="OverlayMerger"/>, which knows the subset of
/// kustomize the overlays use. A test compares the two wherever both exist.
/// </summary>
public static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> _cache = new();

    public static Rendered Render(string overlay) =>
        _cache.GetOrAdd(overlay, o => new Lazy<Rendered>(() => new Rendered(RenderWithTool(RepoPaths.Overlay(o))
            ?? OverlayMerger.Build(RepoPaths.Overlay(o))))).Value;

    /// <summary>The real kustomize's output, or null when none is installed.</summary>
    public static List<Dictionary<string, object?>>? RenderWithTool(string directory)
    {
        foreach (var (file, args) in new[] { ("kubectl", "kustomize"), ("kustomize", "build") })
        {
            if (FindOnPath(file) is { } exe)
            {
                return Yaml.LoadAll(Run(exe, $"{args} \"{directory}\""));
            }
        }
        return null;
    }

    public static string? FindOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);

    private static string Run(string exe, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {args} did not finish");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {args} failed ({process.ExitCode}): {stderr.Result}");
        }
        return stdout.Result;
    }
}

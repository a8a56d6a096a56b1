using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace G2B.Runner.Hosting;

/// <summary>
/// Builds only what is about to run, in one MSBuild invocation, through a generated solution filter
/// (building the test projects too would cost minutes the start-up does not have).
/// </summary>
public static class SuiteBuild
{
    public static async Task RunAsync(string root, string configuration, IEnumerable<string> projects, string workDirectory, CancellationToken ct)
    {
        var solution = Path.Combine(root, RepositoryLayout.SolutionFile);
        var inSolution = XDocument.Load(solution).Descendants("Project")
            .Select(p => (string?)p.Attribute("Path"))
            .OfType<string>()
            .Select(Normalise)
            .ToHashSet();
        var wanted = projects.Select(Normalise).Distinct().ToList();
        var filter = Path.Combine(workDirectory, "run.slnf");
        Directory.CreateDirectory(workDirectory);
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = solution, projects = wanted.Where(inSolution.Contains).ToArray() },
        }), ct);

        await DotnetBuildAsync(root, filter, configuration, ct);
        foreach (var stray in wanted.Where(p => !inSolution.Contains(p)))
        {
            await DotnetBuildAsync(root, stray, configuration, ct);
        }
    }

    private static string Normalise(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    /// <summary>
    /// <c>dotnet publish</c> of <paramref name="project"/> as Native AOT for this machine into
    /// <see cref="RepositoryLayout.NativeOutput"/> (the same command test.sh runs); false when it failed. The project
    /// file sets PublishAot: as a global property (-p:) it would reach the libraries the project references and turn
    /// the AOT analyzers on there (G2B.ServiceDefaults' EF Core migrations, which the gateway never reaches).
    /// </summary>
    public static async Task<bool> PublishNativeAsync(string root, string configuration, string project, CancellationToken ct)
    {
        var native = RepositoryLayout.NativeOutput(root, project, configuration);
        if (await DotnetAsync(root,
                ["publish", project, "-c", configuration, "--use-current-runtime", "-o", Path.GetDirectoryName(native)!,
                 "-nologo", "-v", "quiet", "-clp:ErrorsOnly"], ct) != 0)
        {
            return false;
        }

        // A publish with nothing to compile leaves the file as it was, while the build may have rewritten the dll
        // from the same sources: the file's time is when it was last known current.
        File.SetLastWriteTimeUtc(native, DateTime.UtcNow);
        return true;
    }

    private static async Task DotnetBuildAsync(string root, string target, string configuration, CancellationToken ct)
    {
        var exitCode = await DotnetAsync(root, ["build", target, "-c", configuration, "-nologo", "-v", "quiet", "-clp:ErrorsOnly"], ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {target} -c {configuration} failed (exit code {exitCode}).");
        }
    }

    private static async Task<int> DotnetAsync(string root, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet.");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}

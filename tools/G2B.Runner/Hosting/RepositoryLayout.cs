using System.Reflection;
using System.Xml.Linq;

namespace G2B.Runner.Hosting;

/// <summary>Where things are in a checkout: the root, the build output of a project.</summary>
public static class RepositoryLayout
{
    public const string TargetFramework = "net10.0";
    public const string SolutionFile = "G2B.Licensing.slnx";

    /// <summary>The folder holding <paramref name="manifest"/>, looking up from the current and this assembly's folder.</summary>
    public static string FindRoot(string manifest = "tye.yaml")
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, manifest)) && File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No folder with {manifest} and {SolutionFile} above the current directory.");
    }

    /// <summary>Debug or Release: whatever this runner itself was built as, so tests and output agree.</summary>
    public static string OwnConfiguration() =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
            ? c
            : "Release";

    /// <summary>The dll `dotnet build` writes for a project (assembly named after the project file).</summary>
    public static string OutputAssembly(string root, string project, string configuration)
    {
        var projectFile = Path.Combine(root, project);
        var name = Path.GetFileNameWithoutExtension(projectFile);
        return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", configuration, TargetFramework, name + ".dll");
    }

    /// <summary>Where <c>dotnet publish -p:PublishAot=true</c> puts a project's native executable for the runner.</summary>
    public static string NativeOutput(string root, string project, string configuration)
    {
        var projectFile = Path.Combine(root, project);
        return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", configuration, "native", Path.GetFileNameWithoutExtension(projectFile));
    }

    /// <summary>Whether the project file sets <c>&lt;PublishAot&gt;true&lt;/PublishAot&gt;</c> (the runner publishes and runs it natively).</summary>
    public static bool DeclaresPublishAot(string root, string project)
    {
        var projectFile = Path.Combine(root, project);
        return File.Exists(projectFile) && XDocument.Load(projectFile).Descendants("PublishAot")
            .Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The native executable when it exists and is at least as new as the dll build (so a change built since the
    /// last publish runs as the dll, never as a stale binary); otherwise null.
    /// </summary>
    public static string? CurrentNativeOutput(string root, string project, string configuration)
    {
        var native = new FileInfo(NativeOutput(root, project, configuration));
        var dll = new FileInfo(OutputAssembly(root, project, configuration));
        return native.Exists && (!dll.Exists || native.LastWriteTimeUtc >= dll.LastWriteTimeUtc) ? native.FullName : null;
    }
}

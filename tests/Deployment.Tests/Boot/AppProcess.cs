using System.Collections.Concurrent;
using System.Diagnostics;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests.Boot;

/// <summary>
/// A service's real build (the Release/Debug output the image publishes) started as the
/// container's entry point would start it: <c>dotnet X.dll</c> (the gateway: its native executable) in its folder with exactly the
/// given environment (plus what the process needs to find dotnet). Output is kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output.TakeLast(60));

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string BuildOutput(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Debug/") ? "Debug" : "Release";
        var projectPath = RepoPaths.Path(project.Split('/'));
        var dll = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0",
            Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} ({configuration}) first", dll);
    }

    /// <summary>
    /// The Native AOT executable the image of <paramref name="project"/> runs (the gateway's), as test.sh and the
    /// runner publish it; it must be at least as new as the dll build, so a change is never booted as an old binary.
    /// </summary>
    public static string NativeOutput(string project)
    {
        var dll = new FileInfo(BuildOutput(project));
        var native = new FileInfo(Path.Combine(dll.Directory!.Parent!.FullName, "native", Path.GetFileNameWithoutExtension(dll.Name)));
        var publish = $"dotnet publish {project} -c {dll.Directory.Parent.Name} --use-current-runtime -o {native.DirectoryName}";
        return native.Exists && native.LastWriteTimeUtc >= dll.LastWriteTimeUtc
            ? native.FullName
            : throw new FileNotFoundException($"No native build of {project} as new as its dll: `{publish}` (test.sh does)", native.FullName);
    }

    /// <summary>A dll runs as <c>dotnet X.dll</c>, a native executable as itself (no dotnet in its image).</summary>
    public static AppProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable, dll ? [executable] : [])
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        // What the image has besides the manifest's env: a PATH, a HOME, and dotnet itself.
        foreach (var inherited in new[] { "PATH", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value)
            {
                info.Environment[inherited] = value;
            }
        }
        info.Environment["HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

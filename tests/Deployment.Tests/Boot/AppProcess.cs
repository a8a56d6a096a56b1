using System.Collections.Concurrent;
using System.Diagnostics;
using Deployment.Tests.Infrastructure;

namespace Deployment.Tests.Boot;

/// <summary>
/// A service's real build (the Release/Debug output the image publishes) started as the
/// container's entry point would start it: <c>dotnet X.dll</c> in its folder with exactly the
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

    public static AppProcess Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
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

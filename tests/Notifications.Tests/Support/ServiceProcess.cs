using System.Diagnostics;
using System.Text;

namespace Notifications.Tests.Support;

/// <summary>
/// The notifications service as a real process, started from its own build output with settings
/// as environment variables, so a test can SIGKILL it (no graceful shutdown, no finally blocks).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServiceProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        // tests/Notifications.Tests/bin/<Configuration>/net10.0/ -> services/Notifications/Notifications.Api/bin/<Configuration>/net10.0/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "services", "Notifications", "Notifications.Api", "bin", configuration, testBin.Name, "Notifications.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build Notifications.Api first (the test project's build does).", dll);
        }

        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new ServiceProcess(Process.Start(info)!);
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL on Linux: the process gets no chance to finish what it is doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;

namespace G2B.Runner.Hosting;

/// <summary>What to run: the runner starts every service, sidecar and tool through this.</summary>
public sealed record ProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// One child process whose output goes, line by line, to a log file and to an output sink.
/// Stop is SIGTERM to the whole tree, then SIGKILL after a grace period; Kill is SIGKILL at once.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan _grace = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pumps;
    private bool _closed;

    private ManagedProcess(ProcessSpec spec, Process process, StreamWriter log, string logFile, Action<string, string> sink)
    {
        Spec = spec;
        LogFile = logFile;
        _process = process;
        _log = log;
        _pumps = Task.WhenAll(Pump(process.StandardOutput, sink), Pump(process.StandardError, sink));
    }

    public ProcessSpec Spec { get; }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ManagedProcess Start(ProcessSpec spec, string logFile, Action<string, string> sink)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in spec.Arguments)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in spec.Environment)
        {
            psi.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine($"--- {DateTimeOffset.Now:O} {spec.FileName} {string.Join(' ', spec.Arguments)}");
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {spec.Name}.");
        return new ManagedProcess(spec, process, log, logFile, sink);
    }

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            await DrainAsync();
            return;
        }

        ProcessTree.Signal(_process.Id, ProcessTree.SigTerm);
        using var timeout = new CancellationTokenSource(_grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Ignored SIGTERM: no choice left.
        }

        await KillAsync();
    }

    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            ProcessTree.Signal(_process.Id, ProcessTree.SigKill);
            await _process.WaitForExitAsync();
        }

        await DrainAsync();
    }

    /// <summary>For exit handlers, where nothing can be awaited any more.</summary>
    public void KillNow()
    {
        if (!_process.HasExited)
        {
            ProcessTree.Signal(_process.Id, ProcessTree.SigKill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private async Task DrainAsync()
    {
        // Grandchildren may keep the pipes open; the pumps end at the latest when they are killed.
        await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(2)));
    }

    private async Task Pump(StreamReader reader, Action<string, string> sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                if (!_closed)
                {
                    _log.WriteLine(line);
                }
            }

            sink(Spec.Name, line);
        }
    }
}

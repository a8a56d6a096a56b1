using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace G2B.LocalInfra;

/// <param name="BaseDirectory">Holds the append-only file and the log.</param>
/// <param name="Port">Loopback port; null picks a free one.</param>
/// <param name="AppendOnly">AOF on, so accepted messages survive a restart of Redis.</param>
public sealed record LocalRedisOptions(string BaseDirectory, int? Port = null, bool AppendOnly = true);

/// <summary>A redis-server of our own on 127.0.0.1, a child of this process.</summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly LocalRedisOptions _options;
    private Process? _process;

    private LocalRedis(LocalRedisOptions options, int port)
    {
        _options = options;
        Port = port;
        BaseDirectory = Path.GetFullPath(options.BaseDirectory);
    }

    public int Port { get; }

    public string BaseDirectory { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>How the last run ended; null while it runs (a supervisor reports it).</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public static async Task<LocalRedis> StartAsync(LocalRedisOptions options, CancellationToken ct = default)
    {
        var redis = new LocalRedis(options, options.Port ?? FreePort.Next());
        await redis.StartAgainAsync(ct);
        return redis;
    }

    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(BaseDirectory);
        var psi = new ProcessStartInfo(Shell.Find("redis-server", "/usr/bin", "/usr/sbin"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
        };
        string[] args =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", BaseDirectory,
            "--save", "", "--appendonly", _options.AppendOnly ? "yes" : "no", "--appendfsync", "everysec",
            "--logfile", Path.Combine(BaseDirectory, "redis.log"), "--daemonize", "no", "--protected-mode", "yes",
        ];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start redis-server.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await PingAsync(ct))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"redis-server did not come up on port {Port}; see {Path.Combine(BaseDirectory, "redis.log")}.");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Graceful stop: Redis flushes its append-only file on SIGTERM.</summary>
    public Task StopAsync() => EndAsync(Shell.SigTerm);

    /// <summary>SIGKILL, as a crash: only what reached the append-only file survives.</summary>
    public Task KillAsync() => EndAsync(Shell.SigKill);

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Makes sure this server ends, and with <paramref name="deleteFiles"/> its folder goes, once
    /// this process has ended, even when it is killed without running exit handlers.
    /// </summary>
    public void StopWhenThisProcessExits(bool deleteFiles)
    {
        if (ProcessId is not { } pid)
        {
            return;
        }

        var stop = $"kill {pid}";
        ExitWatch.After(deleteFiles ? $"{stop}; sleep 1; rm -rf {ExitWatch.Quote(BaseDirectory)}" : stop);
    }

    private async Task EndAsync(int signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Shell.Signal(process.Id, signal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    private async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, ct);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

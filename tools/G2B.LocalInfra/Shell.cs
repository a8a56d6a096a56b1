using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace G2B.LocalInfra;

/// <summary>
/// Runs the PostgreSQL and Redis command-line tools. PostgreSQL refuses to run as root, so when
/// this process is root the tools run as the unprivileged <c>postgres</c> user through runuser.
/// </summary>
internal static partial class Shell
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    public static void Signal(int pid, int signal) => _ = Kill(pid, signal);

    /// <summary>Finds an executable on PATH, then in the usual Debian locations.</summary>
    public static string Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var candidates = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(extraDirectories);
        foreach (var dir in candidates)
        {
            var file = Path.Combine(dir, name);
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new FileNotFoundException(
            $"'{name}' was not found on PATH. Run ./run.sh or ./test.sh once: they install it with apt-get.");
    }

    public static async Task<string> RunAsync(
        string file, IEnumerable<string> args, string? asUser = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            psi.FileName = Find("runuser", "/usr/sbin", "/sbin");
            foreach (var a in new[] { "-u", asUser, "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = file;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        output.Append(await stdout).Append(await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', psi.ArgumentList)} exited with {process.ExitCode}: {output}");
        }

        return output.ToString();
    }
}

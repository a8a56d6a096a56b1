using System.Diagnostics;

namespace G2B.LocalInfra;

/// <summary>
/// Runs a clean-up command once this process is gone, however it went. A test host that its
/// runner kills never runs exit handlers, and a server it started would otherwise outlive it.
/// </summary>
internal static class ExitWatch
{
    public static void After(string cleanupCommand)
    {
        // setsid: not in our process group, so whatever kills our group does not kill the watch.
        var psi = new ProcessStartInfo(Shell.Find("setsid", "/usr/bin", "/bin"))
        {
            UseShellExecute = false,
            // Own pipes, never read: the watch must not hold our caller's stdout open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(
            $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; {cleanupCommand}");
        using var _ = Process.Start(psi);
    }

    /// <summary>Quotes a value for /bin/sh.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Diagnostics;

namespace G2B.Runner.Hosting;

/// <summary>
/// Cleans up after a runner that dies without running its own shutdown (SIGKILL, a crash): a small
/// bash loop, immune to the terminal's SIGINT/SIGHUP, waits for the runner's pid to vanish and then
/// signals every pid listed in a file the runner keeps current. Linux has no portable way to tie a
/// child's life to its parent without prctl in each child, which we do not control.
/// It waits on a pipe from the runner (its stdin, never written): the runner's death closes it, which
/// ends the wait at once; between, a builtin <c>read -t 1</c> times out each second for the pid check,
/// so the wait forks nothing (a <c>sleep 1</c> loop started a process a second for as long as the suite ran).
/// </summary>
public sealed class Watchdog : IDisposable
{
    private const string Script = """
        trap '' INT HUP TERM
        # read: 1 at end of input (whoever started this is gone), above 128 when the second is up.
        while kill -0 "$1" 2>/dev/null; do read -r -t 1 _ || [ $? -gt 128 ] || break; done
        [ -f "$2" ] || exit 0
        while read -r sig arg; do
          case "$sig" in
            PG) [ -f "$arg/postmaster.pid" ] && kill -INT "$(head -n1 "$arg/postmaster.pid")" 2>/dev/null ;;
            REDIS) redis-cli -h 127.0.0.1 -p "$arg" shutdown >/dev/null 2>&1 ;;
            *) kill "-$sig" "$arg" 2>/dev/null ;;
          esac
        done < "$2"
        rm -f "$2"
        """;

    private readonly string _pidFile;
    private readonly Process _process;
    private readonly Lock _lock = new();

    private Watchdog(string pidFile, Process process)
    {
        _pidFile = pidFile;
        _process = process;
    }

    public static Watchdog Start(string pidFile) => Start(pidFile, Environment.ProcessId);

    /// <param name="runnerPid">The process whose death triggers the clean-up (tests pass a stand-in).</param>
    public static Watchdog Start(string pidFile, int runnerPid)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        File.WriteAllText(pidFile, string.Empty);
        // stdin a pipe the runner holds and never writes to (not the terminal, whose keys it would read).
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in new[] { "-c", Script, "g2b-watchdog", runnerPid.ToString(), pidFile })
        {
            psi.ArgumentList.Add(arg);
        }

        return new Watchdog(pidFile, Process.Start(psi) ?? throw new InvalidOperationException("Could not start the watchdog."));
    }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Rewrites the list: a signal name (KILL, TERM) and a pid; or PG and a data directory (fast
    /// shutdown of whichever postmaster holds it then); or REDIS and a port (SHUTDOWN). Infrastructure
    /// goes by directory and port because tests restart it, which changes its pid.
    /// </summary>
    public void Track(IEnumerable<(string Signal, string Target)> processes)
    {
        lock (_lock)
        {
            var lines = processes.Select(p => $"{p.Signal} {p.Target}");
            var temp = _pidFile + ".tmp";
            File.WriteAllLines(temp, lines);
            File.Move(temp, _pidFile, overwrite: true);
        }
    }

    /// <summary>The runner cleaned up itself: the watchdog is no longer needed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            File.Delete(_pidFile);
            _process.Dispose();
        }
    }
}

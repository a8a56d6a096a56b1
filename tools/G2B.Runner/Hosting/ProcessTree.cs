using System.Runtime.InteropServices;

namespace G2B.Runner.Hosting;

/// <summary>
/// Signals a process and everything it started. Read from /proc rather than Process.Kill(true)
/// because a graceful stop needs SIGTERM, which .NET cannot send to another process.
/// </summary>
public static class ProcessTree
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>The process and its descendants, deepest first, so children go before parents.</summary>
    public static IReadOnlyList<int> Of(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var ordered = new List<int>();
        Visit(rootPid);
        return ordered;

        void Visit(int pid)
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                Visit(child);
            }

            ordered.Add(pid);
        }
    }

    public static void Signal(int rootPid, int signal)
    {
        foreach (var pid in Of(rootPid))
        {
            _ = kill(pid, signal);
        }
    }

    /// <summary>SIGKILL to this one process, not its children: a crash of exactly that process.</summary>
    public static void Kill(int pid) => _ = kill(pid, SigKill);

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // Field 4 of /proc/<pid>/stat; the command name (field 2) may contain spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

#pragma warning disable SYSLIB1054 // DllImport needs no unsafe code for an int-only signature.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace G2B.LoadTest.Measurement;

/// <summary>One process from /proc/PID/stat: its parent and the CPU it and its reaped children used.</summary>
/// <param name="Ticks">utime + stime + cutime + cstime, in clock ticks.</param>
public sealed record ProcStat(int Pid, int ParentPid, long Ticks);

/// <summary>What the tool reads from Linux's /proc.</summary>
public static partial class ProcFs
{
    private const int ScClkTck = 2;

    /// <summary>Clock ticks a second (USER_HZ), what /proc/PID/stat counts CPU time in.</summary>
    public static long TicksPerSecond { get; } = OperatingSystem.IsLinux() && SysConf(ScClkTck) is > 0 and var hz ? hz : 100;

    /// <summary>
    /// Parses a /proc/PID/stat line. The command name (field 2) is in parentheses and may itself hold
    /// spaces and parentheses, so the fields are counted from the last ')'. Null for a line that is not one.
    /// </summary>
    public static ProcStat? ParseStat(string line)
    {
        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent))
        {
            return null;
        }

        long ticks = 0;
        for (var i = 11; i <= 14; i++)
        {
            if (!long.TryParse(fields[i], CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            ticks += value;
        }

        return new ProcStat(pid, parent, ticks);
    }

    /// <summary>The value in kB of a "Key:   123 kB" line (/proc/PID/status VmRSS, /proc/PID/smaps_rollup Pss); 0 when absent.</summary>
    public static long KilobytesOf(string text, string key)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(key, StringComparison.Ordinal) && line.Length > key.Length && line[key.Length] == ':')
            {
                var rest = line[(key.Length + 1)..].Trim();
                var space = rest.IndexOf(' ');
                return long.TryParse(space < 0 ? rest : rest[..space], CultureInfo.InvariantCulture, out var kb) ? kb : 0;
            }
        }

        return 0;
    }

    /// <summary>The text of a /proc file, or null when the process is gone (or the file unreadable).</summary>
    public static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}

namespace G2B.LoadTest.Measurement;

/// <summary>One process at one moment: CPU ticks so far (its own and its reaped children's) and memory.</summary>
public sealed record ProcessSample(int Pid, int ParentPid, long Ticks, long RssKb = 0, long PssKb = 0);

/// <summary>Every process of the machine at one moment, as /proc shows it.</summary>
public sealed class ProcessSnapshot(IReadOnlyDictionary<int, ProcessSample> processes)
{
    public IReadOnlyDictionary<int, ProcessSample> Processes { get; } = processes;

    /// <summary>
    /// Reads /proc. Memory (RSS, and PSS from smaps_rollup, which costs a walk of the page tables)
    /// only for the processes <paramref name="wantsMemory"/> picks.
    /// </summary>
    public static ProcessSnapshot Take(Func<int, bool>? wantsMemory = null)
    {
        var processes = new Dictionary<int, ProcessSample>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ProcFs.Read($"{dir}/stat") is not { } line
                || ProcFs.ParseStat(line) is not { } stat)
            {
                continue;
            }

            processes[pid] = new ProcessSample(pid, stat.ParentPid, stat.Ticks);
        }

        foreach (var pid in processes.Keys.Where(p => wantsMemory?.Invoke(p) == true).ToList())
        {
            var rss = ProcFs.Read($"/proc/{pid}/status") is { } status ? ProcFs.KilobytesOf(status, "VmRSS") : 0;
            var pss = ProcFs.Read($"/proc/{pid}/smaps_rollup") is { } rollup ? ProcFs.KilobytesOf(rollup, "Pss") : 0;
            processes[pid] = processes[pid] with { RssKb = rss, PssKb = pss };
        }

        return new ProcessSnapshot(processes);
    }

    /// <summary>
    /// The group of every process: the first of its ancestors (itself included) that <paramref name="roots"/>
    /// names. Processes under none of the roots are left out.
    /// </summary>
    public IReadOnlyDictionary<int, string> Assign(IReadOnlyDictionary<int, string> roots)
    {
        var groups = new Dictionary<int, string>();
        foreach (var pid in Processes.Keys)
        {
            var seen = 0;
            for (var p = pid; p > 1 && seen++ < 64; p = Processes.TryGetValue(p, out var s) ? s.ParentPid : 0)
            {
                if (roots.TryGetValue(p, out var group))
                {
                    groups[pid] = group;
                    break;
                }
            }
        }

        return groups;
    }
}

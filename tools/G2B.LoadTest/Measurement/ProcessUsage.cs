namespace G2B.LoadTest.Measurement;

/// <summary>What one process group used in a measured window: CPU, and memory at its end.</summary>
public sealed record ProcessUsage(string Name, double CpuSeconds, long RssKb, long PssKb, int Processes)
{
    /// <summary>
    /// CPU per group between two snapshots, each grouped by the roots of its own moment (a restarted
    /// process has a new pid). A process that ended in between moved its CPU into its parent's
    /// cutime/cstime, so it is still counted when the parent is in the same group.
    /// </summary>
    public static IReadOnlyList<ProcessUsage> Between(
        ProcessSnapshot before, IReadOnlyDictionary<int, string> beforeGroups,
        ProcessSnapshot after, IReadOnlyDictionary<int, string> afterGroups)
    {
        var ticksBefore = Sum(before, beforeGroups, s => s.Ticks);
        return [.. afterGroups.Values.Distinct().Select(name =>
        {
            var members = afterGroups.Where(g => g.Value == name).Select(g => after.Processes[g.Key]).ToList();
            var ticks = members.Sum(m => m.Ticks) - ticksBefore.GetValueOrDefault(name);
            return new ProcessUsage(
                name, Math.Max(0, ticks) / (double)ProcFs.TicksPerSecond, members.Sum(m => m.RssKb), members.Sum(m => m.PssKb), members.Count);
        })];
    }

    private static Dictionary<string, long> Sum(ProcessSnapshot snapshot, IReadOnlyDictionary<int, string> groups, Func<ProcessSample, long> value) =>
        groups.GroupBy(g => g.Value).ToDictionary(g => g.Key, g => g.Sum(p => value(snapshot.Processes[p.Key])));
}

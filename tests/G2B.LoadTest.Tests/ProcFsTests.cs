using G2B.LoadTest.Measurement;

namespace G2B.LoadTest.Tests;

/// <summary>Reading Linux's /proc: stat lines whose command names hold spaces and parentheses, and kB fields.</summary>
public sealed class ProcFsTests
{
    // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    private const string Stat = "4242 (dotnet (G2B) x) S 17 4242 4242 0 -1 4194560 100 0 0 0 150 30 7 3 20 0 12 0 5000 0 0";

    [Fact]
    public void A_stat_line_gives_pid_parent_and_own_plus_children_cpu_ticks_counted_from_the_last_parenthesis()
    {
        var stat = ProcFs.ParseStat(Stat);

        stat.Should().Be(new ProcStat(4242, 17, 150 + 30 + 7 + 3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a stat line")]
    [InlineData("12 (short) S 1 2 3")]
    [InlineData("12 (bad) S x 1 1 0 -1 0 0 0 0 0 1 2 3 4")]
    public void Lines_that_are_not_stat_lines_give_nothing(string line) => ProcFs.ParseStat(line).Should().BeNull();

    [Fact]
    public void Kilobyte_fields_are_found_by_exact_key()
    {
        const string rollup = """
            55d0c000-7ffc0000 ---p 00000000 00:00 0    [rollup]
            Rss:               20480 kB
            Pss:                6144 kB
            Pss_Anon:           1024 kB
            """;

        ProcFs.KilobytesOf(rollup, "Pss").Should().Be(6144);
        ProcFs.KilobytesOf(rollup, "Pss_Anon").Should().Be(1024);
        ProcFs.KilobytesOf("VmPeak:\t  9000 kB\nVmRSS:\t  4321 kB\n", "VmRSS").Should().Be(4321);
        ProcFs.KilobytesOf(rollup, "VmRSS").Should().Be(0);
    }

    [Fact]
    public void A_snapshot_of_this_machine_holds_this_process_under_its_parent()
    {
        var snapshot = ProcessSnapshot.Take(pid => pid == Environment.ProcessId);

        var self = snapshot.Processes[Environment.ProcessId];
        self.Ticks.Should().BePositive();
        self.RssKb.Should().BePositive();
        self.PssKb.Should().BePositive();
        snapshot.Processes.Should().ContainKey(self.ParentPid);
    }
}

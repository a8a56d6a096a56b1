using G2B.Runner.Hosting;

namespace G2B.Runner.Tests;

/// <summary>Stopping processes must take their children along: the runner leaves nothing behind.</summary>
public sealed class ProcessTests
{
    private static ProcessSpec Shell(string name, string script) =>
        new(name, "/bin/sh", ["-c", script], Path.GetTempPath(), new Dictionary<string, string> { ["G2B_TEST"] = "yes" });

    [Fact]
    public async Task Kill_ends_the_whole_tree_and_output_reaches_the_log_and_the_sink()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("g2b-proc").FullName, "tree.log");
        var lines = new List<string>();
        await using var process = ManagedProcess.Start(
            Shell("tree", "echo started $G2B_TEST; sleep 300 & sleep 300 & wait"), log, (_, line) => { lock (lines) { lines.Add(line); } });
        await Eventually.HoldsAsync(() => ProcessTree.Of(process.Id).Count == 3, "the shell has started both children");
        var tree = ProcessTree.Of(process.Id);

        await process.KillAsync();

        await Eventually.HoldsAsync(() => tree.All(pid => !ProcessTree.IsAlive(pid)), "every process of the tree has exited");
        lock (lines)
        {
            lines.Should().Contain("started yes");
        }

        File.ReadAllText(log).Should().Contain("started yes");
    }

    [Fact]
    public async Task Stop_lets_a_process_end_itself_on_sigterm()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("g2b-proc").FullName, "term.log");
        await using var process = ManagedProcess.Start(
            // Builtins only: with no child to fork, TERM always reaches the shell that holds the trap
            // (a tree signal could otherwise catch a child between fork and exec).
            Shell("term", "trap 'echo got-term; exit 0' TERM; echo ready; while :; do :; done"), log, (_, _) => { });
        // Whole lines: the log's first line is the command itself, which holds both words before the shell has even started.
        await Eventually.HoldsAsync(() => File.ReadAllLines(log).Contains("ready"), "the trap is installed");

        await process.StopAsync();

        process.ExitCode.Should().Be(0, "it exited through its TERM trap, not by SIGKILL");
        File.ReadAllLines(log).Should().Contain("got-term");
    }

    [Fact]
    public async Task The_watchdog_ends_the_listed_processes_when_the_runner_dies_without_cleaning_up()
    {
        var work = Directory.CreateTempSubdirectory("g2b-watchdog").FullName;
        var log = Path.Combine(work, "x.log");
        await using var runner = ManagedProcess.Start(Shell("runner", "sleep 300"), log, (_, _) => { });
        await using var orphan = ManagedProcess.Start(Shell("orphan", "sleep 300"), log, (_, _) => { });
        using var watchdog = Watchdog.Start(Path.Combine(work, "pids"), runner.Id);
        watchdog.Track([("KILL", orphan.Id.ToString())]);

        await runner.KillAsync();

        await Eventually.HoldsAsync(() => orphan.HasExited, "the watchdog killed the listed process");
    }

    [Fact]
    public async Task The_watchdog_waits_without_starting_a_process_a_second()
    {
        var work = Directory.CreateTempSubdirectory("g2b-watchdog-idle").FullName;
        await using var runner = ManagedProcess.Start(Shell("runner", "sleep 300"), Path.Combine(work, "x.log"), (_, _) => { });
        using var watchdog = Watchdog.Start(Path.Combine(work, "pids"), runner.Id);

        // Three seconds of its checks: a sleep-based loop would show a child at nearly every look.
        var children = 0;
        for (var look = 0; look < 60; look++)
        {
            children += ProcessTree.Of(watchdog.ProcessId).Count - 1;
            await Task.Delay(50);
        }

        children.Should().Be(0, "the wait is a builtin read with a timeout, not a sleep process");
        ProcessTree.IsAlive(watchdog.ProcessId).Should().BeTrue("it still watches the runner");
    }
}

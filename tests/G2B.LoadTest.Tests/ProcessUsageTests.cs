using G2B.LoadTest.Measurement;

namespace G2B.LoadTest.Tests;

/// <summary>CPU per process group between two /proc snapshots, and the table the report prints.</summary>
public sealed class ProcessUsageTests
{
    private const int Runner = 100, Service = 200, ServiceChild = 201, Postmaster = 300, Backend = 301, Stranger = 400, Tool = 500;

    private static readonly Dictionary<int, string> _roots = new()
    {
        [Runner] = SuiteDescription.RunnerGroup,
        [Service] = "fee-payments",
        [Postmaster] = "postgres",
        [Tool] = SuiteDescription.LoadToolGroup,
    };

    [Fact]
    public void Each_process_belongs_to_its_nearest_named_ancestor_and_strangers_to_none()
    {
        var snapshot = Snapshot((Runner, 1, 0), (Service, Runner, 0), (ServiceChild, Service, 0), (Postmaster, 1, 0), (Backend, Postmaster, 0),
            (Stranger, 1, 0), (Tool, Stranger, 0), (600, Runner, 0));

        var groups = snapshot.Assign(_roots);

        groups.Should().BeEquivalentTo(new Dictionary<int, string>
        {
            [Runner] = SuiteDescription.RunnerGroup,
            [Service] = "fee-payments",
            [ServiceChild] = "fee-payments",
            [Postmaster] = "postgres",
            [Backend] = "postgres",
            [Tool] = SuiteDescription.LoadToolGroup,
            [600] = SuiteDescription.RunnerGroup,
        });
    }

    [Fact]
    public void Cpu_is_the_growth_of_a_groups_ticks_and_an_ended_backend_still_counts_through_its_parents_children_time()
    {
        var hz = ProcFs.TicksPerSecond;
        var before = Snapshot((Runner, 1, 10), (Service, Runner, 50), (Postmaster, 1, 5), (Backend, Postmaster, 20), (Tool, 1, 0));
        // The backend ended: its 20 + 30 more ticks are now the postmaster's cutime.
        var after = Snapshot((Runner, 1, 10 + hz), (Service, Runner, 50 + 3 * hz), (Postmaster, 1, 5 + 20 + 30), (Tool, 1, 2 * hz));

        var usage = ProcessUsage.Between(before, before.Assign(_roots), after, after.Assign(_roots)).ToDictionary(u => u.Name, u => u.CpuSeconds);

        usage["fee-payments"].Should().BeApproximately(3, 1e-9);
        usage["postgres"].Should().BeApproximately(30.0 / hz, 1e-9);
        usage[SuiteDescription.RunnerGroup].Should().BeApproximately(1, 1e-9);
        usage[SuiteDescription.LoadToolGroup].Should().BeApproximately(2, 1e-9);
    }

    [Fact]
    public void The_table_lists_the_busiest_first_and_totals_the_suite_without_the_load_tool()
    {
        var output = new StringWriter();
        SuiteReport.ProcessTable(output,
        [
            new ProcessUsage("postgres", 2.0, 100 * 1024, 40 * 1024, 9),
            new ProcessUsage(SuiteDescription.LoadToolGroup, 5.0, 80 * 1024, 70 * 1024, 1),
            new ProcessUsage("licence-applications", 3.0, 250 * 1024, 200 * 1024, 1),
        ], units: 100, unit: "journey");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "| process | CPU s | CPU ms/journey | RSS MB | PSS MB | processes |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            "| licence-applications | 3.00 | 30.0 | 250 | 200 | 1 |",
            "| postgres | 2.00 | 20.0 | 100 | 40 | 9 |",
            "| **suite total (without the load tool)** | 5.00 | 50.0 | 350 | 240 | 10 |",
            "| load tool (apart) | 5.00 | 50.0 | 80 | 70 | 1 |");
    }

    private static ProcessSnapshot Snapshot(params (int Pid, int Parent, long Ticks)[] processes) =>
        new(processes.ToDictionary(p => p.Pid, p => new ProcessSample(p.Pid, p.Parent, p.Ticks)));
}

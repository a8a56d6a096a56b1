using G2B.LoadTest.Measurement;
using G2B.Runner.Hosting;

namespace G2B.LoadTest.Tests;

/// <summary>The suite file as the runner writes it is what the load tool reads.</summary>
public sealed class SuiteFileTests
{
    [Fact]
    public void The_tool_reads_the_runners_suite_file_and_groups_by_its_pids()
    {
        var written = new SuiteFile(
            RunnerPid: 10,
            WrittenAt: DateTimeOffset.UtcNow,
            Processes:
            [
                new SuiteFileProcess("gateway", "service", 11, "http://127.0.0.1:40001", 40001),
                new SuiteFileProcess("fee-payments-dapr", "sidecar", 12, "http://127.0.0.1:40002", 40002),
                new SuiteFileProcess("postgres", "postgres", 13, null, 40003),
                new SuiteFileProcess("redis", "redis", null, null, 40004),
            ],
            Databases: [new SuiteFileDatabase("fee-payments", "Database", "Host=127.0.0.1;Port=40003;Database=payments")]);

        var read = SuiteDescription.Parse(written.ToJson());

        read.UrlOf("gateway").Should().Be("http://127.0.0.1:40001");
        read.Databases.Should().Equal(new SuiteDatabaseEntry("fee-payments", "Database", "Host=127.0.0.1;Port=40003;Database=payments"));
        read.Roots(loadToolPid: 99).Should().BeEquivalentTo(new Dictionary<int, string>
        {
            [10] = SuiteDescription.RunnerGroup,
            [11] = "gateway",
            [12] = "fee-payments-dapr",
            [13] = "postgres",
            [99] = SuiteDescription.LoadToolGroup,
        });
        read.DotnetProcesses().Should().Equal(("gateway", 11), ("fee-payments-dapr", 12));
    }

    [Fact]
    public async Task With_a_suite_file_the_tool_goes_to_its_gateway_and_measures_the_processes_named_in_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("g2b-suite-file").FullName, SuiteFile.FileName);
        // A gateway nobody listens on: every journey fails, but the run and its measurement complete.
        new SuiteFile(Environment.ProcessId, DateTimeOffset.UtcNow,
            [new SuiteFileProcess("gateway", "service", null, "http://127.0.0.1:9", 9)], []).WriteTo(path);
        using var output = new StringWriter();

        var exitCode = await LoadTool.RunAsync(["--suite", path, "--journeys", "2", "--concurrency", "1,2", "--warmup", "0", "--probes", "0"], output);

        exitCode.Should().Be(1);
        var report = output.ToString();
        report.Should().Contain($"Measuring the suite of {path} (runner pid {Environment.ProcessId})");
        report.Should().Contain("Warming up (0 journeys) against http://127.0.0.1:9/");
        report.Should().Contain("### 2 journeys at concurrency 1").And.Contain("### 2 journeys at concurrency 2");
        report.Should().Contain("| process | CPU s | CPU ms/journey | RSS MB | PSS MB | processes |");
        report.Should().Contain("| **suite total (without the load tool)** |");
        report.Should().Contain("event hops (consumer inbox processed_at - producer outbox occurred_at): 0 hops of 0 events");
        report.Should().Contain("exceptions thrown (first-chance, EventPipe): 0 in all");
    }

    [Fact]
    public async Task A_suite_file_whose_runner_is_gone_is_refused_with_exit_code_2()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("g2b-suite-file").FullName, SuiteFile.FileName);
        new SuiteFile(int.MaxValue, DateTimeOffset.UtcNow, [], []).WriteTo(path);
        using var output = new StringWriter();

        var exitCode = await LoadTool.RunAsync(["--suite", path, "--journeys", "1", "--probes", "0"], output);

        exitCode.Should().Be(2);
        output.ToString().Should().Contain($"Cannot read the suite file {path}: it names runner pid {int.MaxValue}, which is not running.");
    }
}

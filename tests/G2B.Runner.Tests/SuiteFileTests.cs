using G2B.Runner.Hosting;

namespace G2B.Runner.Tests;

/// <summary>The suite file (.local/suite.json) tools read to find the processes of a running suite.</summary>
public sealed class SuiteFileTests
{
    private static readonly SuiteFile _suite = new(
        4321,
        new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        [new SuiteFileProcess("gateway", "service", 4400, "http://127.0.0.1:8080", 8080), new SuiteFileProcess("redis", "redis", null, null, 56379)],
        [new SuiteFileDatabase("fee-payments", "Database", "Host=127.0.0.1;Port=55432;Database=payments;Username=app;Password=app")]);

    [Fact]
    public void It_round_trips_and_names_fields_in_camel_case_leaving_out_what_is_unknown()
    {
        var json = _suite.ToJson();

        json.Should().Contain("\"runnerPid\": 4321").And.Contain("\"connectionString\"").And.Contain("\"kind\": \"redis\"");
        json.Should().NotContain("\"pid\": null");
        var read = SuiteFile.Parse(json);
        read.RunnerPid.Should().Be(4321);
        read.Processes.Should().Equal(_suite.Processes);
        read.Databases.Should().Equal(_suite.Databases);
    }

    [Fact]
    public void Writing_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("g2b-suite-file").FullName;
        var path = Path.Combine(directory, "sub", SuiteFile.FileName);
        (_suite with { RunnerPid = 1 }).WriteTo(path);

        _suite.WriteTo(path);

        SuiteFile.Parse(File.ReadAllText(path)).RunnerPid.Should().Be(4321);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }
}

using System.CommandLine;

namespace G2B.LoadTest.Tests;

/// <summary>The tool's command line: concurrency lists, their journey counts, the mode and the suite file.</summary>
public sealed class LoadOptionsTests
{
    [Fact]
    public void A_concurrency_list_runs_each_level_with_one_journey_count_for_all()
    {
        var options = Parse("--concurrency", "1,8,32", "--journeys", "40", "--no-suite");

        options.Runs.Should().Equal((1, 40), (8, 40), (32, 40));
        options.SuiteFile.Should().BeNull();
        options.Mode.Should().Be(LoadMode.Journeys);
    }

    [Fact]
    public void A_journey_list_gives_each_level_its_own_count()
    {
        var options = Parse("--concurrency", "1, 8,32", "--journeys", "50,300,600", "--mode", "bank");

        options.Runs.Should().Equal((1, 50), (8, 300), (32, 600));
        options.Mode.Should().Be(LoadMode.Bank);
    }

    [Fact]
    public void Rest_mode_watches_the_suite_for_the_given_seconds_two_minutes_unless_told()
    {
        Parse("--mode", "rest", "--rest-seconds", "45").Should().Match<LoadOptions>(o => o.Mode == LoadMode.Rest && o.RestSeconds == 45);
        Parse("--mode", "rest").RestSeconds.Should().Be(120);
    }

    [Fact]
    public async Task Rest_mode_without_a_suite_file_exits_2_since_it_has_nothing_to_measure()
    {
        using var output = new StringWriter();

        var exitCode = await LoadTool.RunAsync(["--mode", "rest", "--no-suite", "--probes", "0"], output);

        exitCode.Should().Be(2);
        output.ToString().Should().Contain("--mode rest measures the suite's processes: it needs the runner's suite file (--suite).");
    }

    [Fact]
    public void Without_urls_the_gateway_and_direct_service_are_left_to_the_suite_file()
    {
        var options = Parse();

        options.Gateway.Should().BeNull();
        options.Direct.Should().BeNull();
        options.Runs.Should().Equal((16, 200));
    }

    [Theory]
    [InlineData("--concurrency", "1,x,3", "--concurrency needs positive whole numbers separated by commas (e.g. 1,8,32), not '1,x,3'.")]
    [InlineData("--concurrency", "0", "--concurrency needs positive whole numbers")]
    [InlineData("--journeys", "1,2", "--journeys needs one number or one per --concurrency entry (1), not 2.")]
    [InlineData("--suite", "/nowhere/suite.json", "--suite: no file /nowhere/suite.json")]
    [InlineData("--mode", "fast", "fast")]
    [InlineData("--rate", "-1", "--rate needs journeys per second between 0 and 10000, not '-1'.")]
    [InlineData("--rate", "NaN", "--rate needs journeys per second between 0 and 10000, not 'NaN'.")]
    [InlineData("--rest-seconds", "0", "--rest-seconds needs a positive whole number, not '0'.")]
    public async Task A_command_line_the_tool_cannot_use_exits_2_with_the_reason(string option, string value, string reason)
    {
        using var output = new StringWriter();

        var exitCode = await LoadTool.RunAsync([option, value], output);

        exitCode.Should().Be(2);
        output.ToString().Should().Contain(reason);
    }

    [Fact]
    public void A_rate_makes_the_load_open_and_none_leaves_it_closed()
    {
        Parse("--rate", "6.5", "--concurrency", "32").Rate.Should().Be(6.5);
        Parse().Rate.Should().Be(0);
    }

    private static LoadOptions Parse(params string[] args)
    {
        LoadOptions? parsed = null;
        var result = LoadOptions.Command((o, _) =>
        {
            parsed = o;
            return Task.FromResult(0);
        }).Parse(args);
        result.Errors.Should().BeEmpty();
        result.Invoke().Should().Be(0);
        return parsed!;
    }
}

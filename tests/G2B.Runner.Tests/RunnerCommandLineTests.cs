using G2B.Runner.Cli;

namespace G2B.Runner.Tests;

/// <summary>What ./run.sh and a developer type after G2B.Runner, as the suite host receives it.</summary>
public sealed class RunnerCommandLineTests
{
    [Fact]
    public void Up_with_every_option_becomes_those_suite_options()
    {
        var parsed = RunnerCommandLine.Command().Parse(
            ["up", "--no-build", "-c", "Debug", "--free-ports", "--only", "gateway, fee-payments", "--work-dir", "/tmp/g2b-run", "--demo"]);

        parsed.Errors.Should().BeEmpty();
        RunnerCommandLine.Options(parsed).Should().BeEquivalentTo(new
        {
            Build = false, Configuration = "Debug", UseFreePorts = true, Services = new[] { "gateway", "fee-payments" }, WorkDirectory = "/tmp/g2b-run",
        });
    }

    [Fact]
    public void Up_alone_builds_and_starts_everything_on_tye_yaml_ports()
    {
        var parsed = RunnerCommandLine.Command().Parse(["up", "--configuration", "Release"]);

        parsed.Errors.Should().BeEmpty();
        RunnerCommandLine.Options(parsed).Should().BeEquivalentTo(new
        {
            Build = true, Configuration = "Release", UseFreePorts = false, Services = (string[]?)null, WorkDirectory = (string?)null,
        });
    }

    [Theory]
    [InlineData("up", "--fast")]
    [InlineData("up", "--only")]
    [InlineData("down")]
    public void An_unknown_option_a_missing_value_or_an_unknown_command_is_an_error(params string[] args) =>
        RunnerCommandLine.Command().Parse(args).Errors.Should().NotBeEmpty();

    [Fact]
    public async Task A_bad_command_line_exits_2_before_anything_starts() =>
        (await RunnerCommandLine.InvokeAsync(["up", "--fast"])).Should().Be(2);
}

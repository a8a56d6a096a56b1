using G2B.Runner.Tye;

namespace G2B.Runner.Tests;

public sealed class PlaceholderTests
{
    private static readonly Dictionary<string, int> _ports = new() { ["postgres"] = 41000, ["gateway"] = 42000 };

    private static string Substitute(string value, Dictionary<string, string>? env = null) =>
        Placeholders.Substitute(value, name => _ports[name], name => env?.GetValueOrDefault(name));

    [Theory]
    [InlineData("Host=127.0.0.1;Port=${service:postgres:port};Database=registry", "Host=127.0.0.1;Port=41000;Database=registry")]
    [InlineData("${service:gateway:url}/dev", "http://127.0.0.1:42000/dev")]
    [InlineData("${service:gateway:host}:${service:gateway:port}", "127.0.0.1:42000")]
    [InlineData("no placeholder at all", "no placeholder at all")]
    [InlineData("$service:gateway:port", "$service:gateway:port")]
    public void Substitutes_service_placeholders(string value, string expected) =>
        Substitute(value).Should().Be(expected);

    [Fact]
    public void Substitutes_environment_variables_and_empties_unset_ones() =>
        Substitute("${env:HOME}|${env:UNSET}", new() { ["HOME"] = "/home/app" }).Should().Be("/home/app|");

    [Fact]
    public void Fails_on_a_service_tye_yaml_does_not_have() =>
        FluentActions.Invoking(() => Substitute("${service:nowhere:port}")).Should().Throw<KeyNotFoundException>();

    [Fact]
    public void Fails_on_an_unknown_kind_of_placeholder() =>
        FluentActions.Invoking(() => Substitute("${service:gateway:colour}")).Should().Throw<FormatException>().WithMessage("*colour*");
}

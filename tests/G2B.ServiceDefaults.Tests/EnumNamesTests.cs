namespace G2B.ServiceDefaults.Tests;

public sealed class EnumNamesTests
{
    public enum Shade
    {
        Light,
        Dark,
        Dim,
        Bright,
    }

    [Theory]
    [InlineData("Dark", true, Shade.Dark)]
    [InlineData(" dim ", true, Shade.Dim)]
    [InlineData("Bright", false, Shade.Bright)]
    public void A_declared_name_is_read(string text, bool ignoreCase, Shade expected)
    {
        EnumNames.TryParse<Shade>(text, ignoreCase, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("Dark,Dim")] // Enum.TryParse ORs these into Bright (1 | 2 = 3)
    [InlineData("Light, Dark")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("Dark,")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("dark")] // case matters when asked to
    public void Numbers_lists_blanks_and_other_cases_are_not_names(string? text)
    {
        EnumNames.TryParse<Shade>(text, ignoreCase: false, out var value).Should().BeFalse();
        value.Should().Be(default(Shade));
    }
}

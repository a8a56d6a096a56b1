using Portal.Business;

namespace Portal.Tests;

/// <summary>The notices page's choice as the registry's merge-patch: what is kept is left out, a removal is an explicit null.</summary>
public sealed class NoticeChoiceTests
{
    [Theory]
    [InlineData("keep", "desk@x.tm", "", null)] // an address typed but "keep" chosen is not sent
    [InlineData(null, null, null, null)]
    [InlineData("keep", null, "tk", """{"preferredLanguage":"tk"}""")]
    [InlineData("new", " desk@x.tm ", "", """{"contactEmail":"desk@x.tm"}""")]
    [InlineData("new", "desk@x.tm", "ru", """{"contactEmail":"desk@x.tm","preferredLanguage":"ru"}""")]
    [InlineData("none", "desk@x.tm", null, """{"contactEmail":null}""")]
    [InlineData("none", null, "en", """{"contactEmail":null,"preferredLanguage":"en"}""")]
    [InlineData("other", "desk@x.tm", null, null)] // an unknown choice (a crafted form) changes nothing
    public void The_patch_holds_only_what_changes(string? address, string? email, string? language, string? expected)
    {
        NoticeChoice.Patch(address, email, language)?.ToJsonString().Should().Be(expected);
        if (expected is null)
        {
            NoticeChoice.Patch(address, email, language).Should().BeNull();
        }
    }
}

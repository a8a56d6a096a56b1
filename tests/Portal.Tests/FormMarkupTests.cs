using System.Text.RegularExpressions;

namespace Portal.Tests;

/// <summary>
/// ASP.NET Core's form tag helper adds the antiforgery field to a posting form only when the page does not
/// write its own <c>action</c>; a form that names its action must ask for the field, or every post of it is
/// refused with a 400 (as the registration form was on 2026-11-30). Checked over every page's source.
/// </summary>
public sealed partial class FormMarkupTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Portal, "Pages"), "*.cshtml", SearchOption.AllDirectories).Order())
        {
            pages.Add(Path.GetRelativePath(Repo.Portal, file));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_posting_form_carries_the_antiforgery_field(string page)
    {
        var source = File.ReadAllText(Path.Combine(Repo.Portal, page));

        var refused = FormTag().Matches(source)
            .Select(m => m.Value)
            .Where(tag => PostMethod().IsMatch(tag) && PlainAction().IsMatch(tag) && !tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal));

        refused.Should().BeEmpty("a posting form with its own action gets no antiforgery field unless it asks for one");
    }

    [Fact]
    public void The_check_sees_the_forms_it_is_about()
    {
        // The register page is one of the forms the rule is about: if the pattern stopped matching, the theory
        // above would pass for nothing.
        var source = File.ReadAllText(Path.Combine(Repo.Portal, "Pages", "Business", "Companies", "Register.cshtml"));
        FormTag().Matches(source).Should().Contain(m => PostMethod().IsMatch(m.Value) && PlainAction().IsMatch(m.Value));
    }

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("\\bmethod=\"post\"", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();

    [GeneratedRegex("(?<![-\\w])action=\"", RegexOptions.IgnoreCase)]
    private static partial Regex PlainAction();
}

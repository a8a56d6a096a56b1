using System.Text.RegularExpressions;

namespace Portal.Tests;

/// <summary>Every word in three languages, and no word outside the resources.</summary>
public sealed partial class ResourceTests
{
    private static Dictionary<string, string> Load(string language) => Words.Of(language);

    [Theory]
    [InlineData("tk")]
    [InlineData("ru")]
    public void Each_language_has_every_key_with_the_same_placeholders(string language)
    {
        var english = Load("en");
        var other = Load(language);

        other.Keys.Should().BeEquivalentTo(english.Keys);
        foreach (var (key, text) in other)
        {
            text.Should().NotBeNullOrWhiteSpace(key);
            Placeholders(text).Should().BeEquivalentTo(Placeholders(english[key]), key);
        }
    }

    [Fact]
    public void Russian_is_written_in_Cyrillic_and_Turkmen_in_its_Latin_alphabet()
    {
        var english = Load("en");
        var russian = Load("ru");
        var turkmen = Load("tk");

        russian.Where(kv => !Cyrillic().IsMatch(kv.Value)).Select(kv => kv.Key).Should().BeEmpty();
        turkmen.Values.Where(v => Cyrillic().IsMatch(v)).Should().BeEmpty();
        // Turkmen's own letters (ä, ç, ň, ö, ş, ü, ý, ž) show up throughout a real translation.
        turkmen.Values.Count(v => TurkmenLetters().IsMatch(v)).Should().BeGreaterThan(turkmen.Count * 2 / 3);
        turkmen.Where(kv => kv.Value == english[kv.Key]).Select(kv => kv.Key).Should().BeEmpty("every text is translated");
    }

    [Fact]
    public void Every_key_the_pages_ask_for_exists()
    {
        var english = Load("en");
        var used = Directory.EnumerateFiles(Repo.Portal, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Concat(Portal.Pages.Shared.Navigation.Items.Select(i => i.TextKey))
            .Where(k => !k.EndsWith('_')) // a prefix ("Status_" + value): the theory below checks those
            .ToHashSet();

        used.Should().HaveCountGreaterThan(100);
        used.Where(k => !english.ContainsKey(k)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Status_", "AwaitingPayment", "UnderReview", "InformationRequested", "UnderAppeal", "Issued", "Rejected", "Expired",
        "Cancelled", "Withdrawn", "Active", "Suspended", "Dissolved", "Revoked", "Surrendered", "Paid", "Open")]
    [InlineData("LegalForm_", "LLC", "JSC", "SoleProprietor", "Partnership", "Branch")]
    [InlineData("Error_", "400_Title", "401_Title", "403_Title", "404_Title", "500_Title", "503_Title")]
    [InlineData("Verify_Status_", "Active", "Suspended", "Revoked", "Expired", "Unknown", "Other")]
    [InlineData("Regulator_Action_", "suspend", "reinstate", "revoke")]
    [InlineData("Regulator_Done_", "suspend", "reinstate", "revoke")]
    [InlineData("Regulator_Heading_", "companies_suspend", "companies_reinstate", "licences_suspend", "licences_revoke", "licences_reinstate")]
    [InlineData("Regulator_Warning_", "companies_suspend", "licences_suspend", "licences_revoke")]
    [InlineData("LicenceHistory_", "issued", "renewed")]
    [InlineData("DocumentKind_", "premises-floor-plan", "tax-clearance-certificate", "pharmacist-diploma", "engineer-certificate",
        "liability-insurance", "vehicle-registration", "curriculum", "fire-safety-certificate", "other")]
    [InlineData("Problem_", "duplicate-name", "renewal-not-open", "documents-missing", "too-many-documents", "duplicate-application", "invalid-state",
        "activity-not-eligible", "company-not-active")]
    [InlineData("History_", "Registered", "Suspended", "Reinstated", "Dissolved", "LicenceAdded", "LicenceChanged", "Amended")]
    [InlineData("PaymentException_", "application-cancelled", "invoice-expired", "unknown-payment-reference", "amount-mismatch",
        "currency-mismatch", "already-paid", "transaction-conflict")]
    public void Every_value_the_API_can_send_has_words(string prefix, params string[] values)
    {
        var english = Load("en");

        values.Select(v => prefix + v).Where(k => !english.ContainsKey(k)).Should().BeEmpty();
    }

    [Fact]
    public void No_page_has_a_word_outside_the_resources()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Portal, "Pages"), "*.cshtml", SearchOption.AllDirectories))
        {
            var markup = File.ReadAllText(file);
            offenders.AddRange(VisibleText(markup).Select(t => $"{Path.GetFileName(file)}: \"{t}\""));
            offenders.AddRange(ReadAloudAttribute().Matches(markup).Where(m => !m.Groups["value"].Value.StartsWith('@'))
                .Select(m => $"{Path.GetFileName(file)}: {m.Value}"));
        }

        offenders.Should().BeEmpty("words a person sees or hears come from the resources (T[...])");
    }

    /// <summary>Text between tags once Razor code, comments and tags are taken out; only words count.</summary>
    private static IEnumerable<string> VisibleText(string markup)
    {
        var text = RazorComment().Replace(markup, " ");
        text = CodeLine().Replace(text, " ");
        text = RemoveBalanced(text, "@{", '{', '}');
        text = RemoveBalanced(text, "@(", '(', ')');
        text = Directive().Replace(text, " ");
        text = Tag().Replace(text, "\n");
        text = RemoveBalanced(text, "@foreach", '(', ')');
        text = RemoveBalanced(text, "@if", '(', ')');
        text = RemoveBalanced(text, "else if", '(', ')');
        text = RazorExpression().Replace(text, " ");
        return text.Split('\n').Select(l => l.Replace("else", "").Replace("{", "").Replace("}", "").Replace(";", "").Trim())
            .Where(l => l.Any(char.IsLetter));
    }

    private static string RemoveBalanced(string text, string start, char open, char close)
    {
        int at;
        while ((at = text.IndexOf(start, StringComparison.Ordinal)) >= 0)
        {
            var i = text.IndexOf(open, at);
            var depth = 0;
            for (; i < text.Length; i++)
            {
                depth += text[i] == open ? 1 : text[i] == close ? -1 : 0;
                if (depth == 0)
                {
                    break;
                }
            }

            text = text[..at] + " " + text[Math.Min(i + 1, text.Length)..];
        }

        return text;
    }

    private static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    [GeneratedRegex("[äçňöşüýžÄÇŇÖŞÜÝŽ]")]
    private static partial Regex TurkmenLetters();

    [GeneratedRegex(@"(?:\bT|\bText)\[""(?<key>[A-Za-z0-9_.-]+)""")]
    private static partial Regex UsedKey();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"(?m)^\s*@(page|model|using|inject|namespace|addTagHelper|inherits)\b.*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"(?m)^\s*var\s.*;\s*$")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*(?:(?:!?\.[A-Za-z_][A-Za-z0-9_]*)|(?:\[[^\]]*\])|(?:\([^)]*\)))*")]
    private static partial Regex RazorExpression();

    [GeneratedRegex(@"\b(?:alt|title|aria-label|placeholder)=""(?<value>[^""]*)""")]
    private static partial Regex ReadAloudAttribute();
}

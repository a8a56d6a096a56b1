using System.Buffers.Text;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Api.Search;
using G2B.ServiceDefaults;

namespace CompanyRegistry.Tests;

public sealed class DomainTests
{
    [Fact]
    public void Registration_number_check_letter_catches_every_single_digit_typo_and_adjacent_swap()
    {
        var random = new Random(42);
        for (var n = 0; n < 2_000; n++)
        {
            var digits = $"{random.Next(2000, 2100)}{random.Next(0, 1_000_000):D6}";
            var check = RegistrationNumber.CheckCharacter(digits);
            for (var i = 0; i < digits.Length; i++)
            {
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d != digits[i])
                    {
                        RegistrationNumber.CheckCharacter(digits[..i] + d + digits[(i + 1)..]).Should().NotBe(check);
                    }
                }
                if (i + 1 < digits.Length && digits[i] != digits[i + 1])
                {
                    var swapped = digits[..i] + digits[i + 1] + digits[i] + digits[(i + 2)..];
                    RegistrationNumber.CheckCharacter(swapped).Should().NotBe(check);
                }
            }
        }
    }

    [Theory]
    [InlineData(2026, 123, "RC-2026-000123-")]
    [InlineData(2031, 999_999, "RC-2031-999999-")]
    public void Registration_numbers_round_trip_in_any_case(int year, long sequence, string prefix)
    {
        var number = RegistrationNumber.Format(year, sequence);

        number.Should().StartWith(prefix).And.HaveLength(prefix.Length + 1);
        RegistrationNumber.TryNormalize($" {number.ToLowerInvariant()} ", out var normalized).Should().BeTrue();
        normalized.Should().Be(number);
        var typo = number[..10] + (char)('0' + (number[10] - '0' + 1) % 10) + number[11..];
        RegistrationNumber.TryNormalize(typo, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("  Ýyldyz   Söwda  ", "yyldyz sowda")]
    [InlineData("ÇÄŇŽ Ünal Ördek", "canz unal ordek")]
    [InlineData("Ashgabat\tTrade\nLLC", "ashgabat trade llc")]
    public void Names_compare_without_case_accents_or_extra_spaces(string input, string expected) =>
        NameNormalizer.ForComparison(input).Should().Be(expected);

    [Fact]
    public void Cursors_round_trip_and_reject_tampering()
    {
        var ranked = new SearchCursor(42, 0.5833333f, 17);
        SearchCursor.TryDecode(ranked.Encode(), out var decoded).Should().BeTrue();
        decoded.Should().Be(ranked);
        // The earlier (score, id) form orders differently, so continuing from it could skip rows.
        SearchCursor.TryDecode(Base64Url.EncodeToString("s|0.5|42"u8), out _).Should().BeFalse();
        SearchCursor.TryDecode(new SearchCursor(7, null).Encode(), out var plain).Should().BeTrue();
        plain!.LastScore.Should().BeNull();
        SearchCursor.TryDecode("aXxub3RhbnVtYmVy", out _).Should().BeFalse();
        SearchCursor.TryDecode("%%%", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("ashgbat  cotton partne", new[] { "ashgbat", "cotton", "partne" })]
    [InlineData("a & b trade trade 17", new[] { "trade", "17" })]
    [InlineData("-", new string[0])]
    public void Queries_are_matched_by_their_words_of_two_or_more_letters(string normalized, string[] expected) =>
        CompanySearch.QueryWords(normalized).Should().Equal(expected);

    [Fact]
    public void Shipped_classification_is_the_whole_of_NACE_Rev_2_with_its_hierarchy()
    {
        var catalog = ActivityCodeCatalog.Load();

        catalog.All.Select(c => c.Section).Distinct().Should().Equal("ABCDEFGHIJKLMNOPQRSTU".Select(c => c.ToString()));
        catalog.All.Select(c => c.Division).Distinct().Should().HaveCount(88);
        catalog.All.Select(c => c.Group).Distinct().Should().HaveCount(272);
        catalog.All.Select(c => c.Code).Distinct().Should().HaveCount(615);
        foreach (var code in new[] { "47.11", "47.73", "56.10", "41.20", "42.99", "43.13", "43.29", "49.32", "85.59", "86.21" })
        {
            catalog.Contains(code).Should().BeTrue(code);
        }
        // Each level is the prefix of the next: class 42.99 sits in group 42.9, division 42.
        catalog.All.Should().OnlyContain(c => c.Code.Length == 5 && c.Name.Length > 3
            && c.Group == c.Code.Substring(0, 4) && c.Division == c.Code.Substring(0, 2) && c.GroupName.Length > 3 && c.DivisionName.Length > 3);
        catalog.All.GroupBy(c => c.Division).Should().OnlyContain(d => d.Select(c => c.Section).Distinct().Count() == 1);
    }

    [Fact]
    public void A_dissolved_company_cannot_change_again_and_transitions_bump_the_version()
    {
        var company = Company.Register("RC-2026-000001-A", "Unit Co", LegalForm.LLC, "123456789012",
            new Address("Line", null, "City", null, null, "TM"), ["47.11"], "owner", DateTimeOffset.UnixEpoch);

        company.ChangeStatus(CompanyStatus.Suspended, "r", "reg", DateTimeOffset.UnixEpoch).Should().Be(CompanyStatus.Active);
        company.ChangeStatus(CompanyStatus.Dissolved, null, "owner", DateTimeOffset.UnixEpoch);

        company.Version.Should().Be(3);
        company.CanChangeTo(CompanyStatus.Active).Should().BeFalse();
        company.Invoking(c => c.ChangeStatus(CompanyStatus.Active, "back", "reg", DateTimeOffset.UnixEpoch))
            .Should().Throw<InvalidStateException>().WithMessage("A Dissolved company cannot become Active.");
        company.Version.Should().Be(3, "a refused transition changes nothing");
        company.History.Select(h => h.Action).Should().Equal(HistoryActions.Registered, HistoryActions.Suspended, HistoryActions.Dissolved);
    }

    [Fact]
    public void An_amendment_records_only_what_changes_and_a_suspended_company_refuses_it()
    {
        var address = new Address("Line", null, "City", null, null, "TM");
        var company = Company.Register("RC-2026-000002-B", "Unit Co", LegalForm.LLC, "123456789013", address, ["47.11", "10.71"], "owner",
            DateTimeOffset.UnixEpoch);

        company.Amend(new CompanyAmendment(LegalName: "Unit Co", Address: address with { }, ActivityCodes: ["10.71", "47.11"]), "owner", DateTimeOffset.UnixEpoch)
            .Should().BeEmpty();
        company.Version.Should().Be(1);
        company.Amend(new CompanyAmendment(LegalName: "Ünit Two", SetsContactEmail: true, ContactEmail: "a@b.tm"), "owner", DateTimeOffset.UnixEpoch)
            .Should().Equal("legalName", "contactEmail");
        (company.Version, company.NameNormalized, company.ContactEmail).Should().Be((2L, "unit two", "a@b.tm"));
        company.History.Select(h => h.Action).Should().Equal(HistoryActions.Registered, HistoryActions.Amended);

        company.ChangeStatus(CompanyStatus.Suspended, "r", "reg", DateTimeOffset.UnixEpoch);
        company.Invoking(c => c.Amend(new CompanyAmendment(LegalName: "Three"), "owner", DateTimeOffset.UnixEpoch))
            .Should().Throw<InvalidStateException>();
        company.LegalName.Should().Be("Ünit Two");
    }

    [Fact]
    public void The_transition_table_allows_exactly_suspend_reinstate_and_dissolve_from_a_live_company()
    {
        var allowed = Enum.GetValues<CompanyStatus>()
            .SelectMany(from => Enum.GetValues<CompanyStatus>().Select(to => (from, to)))
            .Where(t => CompanyStateMachine.CanMove(t.from, t.to));

        allowed.Should().BeEquivalentTo([
            (CompanyStatus.Active, CompanyStatus.Suspended), (CompanyStatus.Suspended, CompanyStatus.Active),
            (CompanyStatus.Active, CompanyStatus.Dissolved), (CompanyStatus.Suspended, CompanyStatus.Dissolved)]);
    }
}

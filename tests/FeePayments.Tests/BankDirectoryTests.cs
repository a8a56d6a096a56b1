using FeePayments.Api.Banks;
using Microsoft.Extensions.Configuration;

namespace FeePayments.Tests;

/// <summary>Which configured banks exist, under which one spelling, with which secrets and address.</summary>
public class BankDirectoryTests
{
    private static BankDirectory Directory(params (string Key, string? Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build());

    [Theory]
    [InlineData("demobank", "DEMOBANK")]
    [InlineData("Bank-1_a", "BANK-1_A")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void A_code_of_letters_digits_dashes_and_underscores_is_canonical_in_upper_case(string code, string canonical) =>
        BankDirectory.Canonical(code).Should().Be(canonical);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    [InlineData("DEMO BANK")]
    [InlineData("DEMO:BANK")]
    [InlineData("DEMÖBANK")]
    public void Anything_else_cannot_be_a_bank_code(string? code) =>
        BankDirectory.Canonical(code).Should().BeNull();

    [Fact]
    public void A_configured_bank_is_found_with_its_secrets_in_order_and_its_address()
    {
        var banks = Directory(
            ("Banks:DemoBank:Secrets:0", "new"), ("Banks:DemoBank:Secrets:1", "old"), ("Banks:DemoBank:BaseUrl", "http://bank.test/api/"));

        banks.Find("demobank").Should().BeEquivalentTo(new Bank("DEMOBANK", ["new", "old"], new Uri("http://bank.test/api/")));
    }

    [Fact]
    public void Empty_secrets_are_no_secrets_and_a_bank_without_any_is_no_bank()
    {
        var banks = Directory(
            ("Banks:A:Secrets:0", ""), ("Banks:A:Secrets:1", "only"),
            ("Banks:B:Secrets:0", ""), ("Banks:B:BaseUrl", "http://b.test/"));

        banks.Find("A")!.Secrets.Should().Equal("only");
        banks.Find("B").Should().BeNull();
        banks.Find("C").Should().BeNull();
        banks.Find("a b").Should().BeNull();
        banks.All().Select(b => b.Code).Should().Equal("A");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_bank_without_an_address_has_none_and_cannot_be_reconciled(string? baseUrl)
    {
        var banks = Directory(("Banks:A:Secrets:0", "s"), ("Banks:A:BaseUrl", baseUrl));

        banks.Find("A")!.BaseUrl.Should().BeNull();
    }

    [Fact]
    public void All_lists_every_usable_bank_under_its_canonical_code()
    {
        var banks = Directory(("Banks:one:Secrets:0", "s1"), ("Banks:Two:Secrets:0", "s2"));

        banks.All().Select(b => b.Code).Should().BeEquivalentTo("ONE", "TWO");
    }
}

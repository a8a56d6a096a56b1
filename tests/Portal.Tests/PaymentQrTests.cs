using Microsoft.Extensions.Options;
using Portal;
using Portal.Payments;

namespace Portal.Tests;

public sealed class PaymentQrTests
{
    private static PaymentQr With(string name, string account, string? bic = null) =>
        new(Options.Create(new PortalOptions { Payee = new PayeeOptions { Name = name, Account = account, Bic = bic } }));

    [Fact]
    public void A_euro_invoice_is_the_EPC_credit_transfer_code_with_the_RF_reference_as_structured_remittance()
    {
        var payload = With("Licensing Authority", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX")
            .Payload("RF18539007547034", 1234.5m, "EUR", new DateOnly(2027, 1, 31));

        payload.Should().Be(string.Join('\n',
            "BCD", "002", "1", "SCT", "COBADEFFXXX", "Licensing Authority", "DE89370400440532013000", "EUR1234.50", "", "RF18539007547034"));
    }

    [Fact]
    public void The_EPC_code_leaves_the_BIC_empty_when_none_is_configured_and_never_carries_a_line_break_in_a_value()
    {
        var payload = With("Licensing\nAuthority", "DE89370400440532013000").Payload("RF18539007547034", 10m, "eur", null);

        var lines = payload.Split('\n');
        lines.Should().HaveCount(10);
        lines[4].Should().BeEmpty("version 002 lets the BIC out");
        lines[5].Should().Be("Licensing Authority");
        lines[7].Should().Be("EUR10.00");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.001)]
    [InlineData(1_000_000_000)]
    public void An_amount_the_EPC_code_cannot_carry_is_refused(decimal amount)
    {
        var act = () => PaymentQr.Epc(new PayeeOptions { Name = "A", Account = "DE89370400440532013000" }, "RF18539007547034", amount);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Other_currencies_get_the_documented_text_format_led_by_the_reference()
    {
        var payload = With("State Licensing Service", "TM12 3456 7890 1234").Payload("RF18539007547034", 500m, "TMT", new DateOnly(2026, 12, 30));

        payload.Should().Be(string.Join('\n',
            "RF18539007547034", "G2B/1", "AMOUNT=500.00", "CURRENCY=TMT", "PAYEE=State Licensing Service",
            "ACCOUNT=TM1234567890 1234".Replace(" ", ""), "DUE=2026-12-30"));
    }

    [Fact]
    public void A_euro_invoice_without_a_payee_IBAN_falls_back_to_the_text_format()
    {
        var payload = With("Authority", "").Payload("RF18539007547034", 5m, "EUR", null);

        payload.Split('\n')[0].Should().Be("RF18539007547034");
        payload.Should().Contain("CURRENCY=EUR").And.NotContain("ACCOUNT=");
    }

    [Fact]
    public void The_code_is_a_PNG_image()
    {
        var png = PaymentQr.Png("RF18539007547034\nG2B/1");

        png.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        png.Length.Should().BeGreaterThan(100);
    }
}

using System.Text.Json;

namespace FeePayments.Tests;

public class BankBillTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    [Fact]
    public async Task Bank_looks_up_a_bill_with_amount_due_date_and_payee()
    {
        var invoice = await _scenario.IssueInvoiceAsync(fee: 1200.00m);
        using var bank = fixture.App.BankClient();

        var bill = await bank.GetFromJsonAsync<JsonElement>($"/bank/v1/bills/{invoice.PaymentReference}");

        bill.GetProperty("paymentReference").GetString().Should().Be(invoice.PaymentReference);
        bill.GetProperty("amount").GetDecimal().Should().Be(1200.00m);
        bill.GetProperty("currency").GetString().Should().Be("TMT");
        bill.GetProperty("status").GetString().Should().Be("Open");
        bill.GetProperty("payeeName").GetString().Should().Be("Ak Ýol LLC");
        bill.GetProperty("dueAt").GetDateTimeOffset().Should().BeCloseTo(invoice.DueAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_bill_typed_in_print_format_is_found()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        var typed = Uri.EscapeDataString(PaymentReference.ToPrintFormat(invoice.PaymentReference).ToLowerInvariant());

        (await bank.GetAsync($"/bank/v1/bills/{typed}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("RF18539007547034")]
    [InlineData("RF00GARBAGE")]
    public async Task Unknown_reference_is_404_unknown_payment_reference(string reference)
    {
        using var bank = fixture.App.BankClient();
        var response = await bank.GetAsync($"/bank/v1/bills/{reference}");
        (await response.ProblemAsync()).Should().Be((HttpStatusCode.NotFound, "unknown-payment-reference"));
    }

    [Fact]
    public async Task A_paid_bill_says_paid()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var bank = fixture.App.BankClient();
        (await _scenario.PayAsync(invoice, "bill-paid-1")).EnsureSuccessStatusCode();

        var bill = await bank.GetFromJsonAsync<JsonElement>($"/bank/v1/bills/{invoice.PaymentReference}");
        bill.GetProperty("status").GetString().Should().Be("Paid");
    }
}

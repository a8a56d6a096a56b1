using System.Net.Http.Json;
using System.Net;

namespace EndToEnd.Tests;

public sealed class BankConfirmationTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    [Fact]
    public async Task Retried_conflicting_and_late_confirmations_get_the_contract_answers_and_nothing_is_doubled()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync();
        var transaction = Scenario.NewTransactionId();
        var paidAt = DateTimeOffset.UtcNow;
        var confirmation = new PaymentConfirmation(application.PaymentReference!, application.Fee, application.Currency, transaction, paidAt);

        var wrongAmount = await Suite.Bank.ConfirmAsync(confirmation with { Amount = application.Fee + 1m, BankTransactionId = Scenario.NewTransactionId() });
        wrongAmount.Should().Be(new PaymentAnswer(null, "amount-mismatch", 422));
        var wrongCurrency = await Suite.Bank.ConfirmAsync(confirmation with { Currency = "USD", BankTransactionId = Scenario.NewTransactionId() });
        wrongCurrency.Type.Should().Be("currency-mismatch");

        (await Suite.Bank.ConfirmAsync(confirmation)).Status.Should().Be("accepted");
        (await Suite.Bank.ConfirmAsync(confirmation)).Status.Should().Be("duplicate");
        var conflict = await Suite.Bank.ConfirmAsync(confirmation with { PaidAt = paidAt.AddMinutes(-5) });
        conflict.Should().Be(new PaymentAnswer(null, "transaction-conflict", 409));
        var otherTransaction = await Suite.Bank.ConfirmAsync(confirmation with { BankTransactionId = Scenario.NewTransactionId() });
        otherTransaction.Should().Be(new PaymentAnswer(null, "already-paid", 409));
        var unknown = await Suite.Bank.ConfirmAsync(
            confirmation with { PaymentReference = "RF18539007547034", BankTransactionId = Scenario.NewTransactionId() });
        unknown.Should().Be(new PaymentAnswer(null, "unknown-payment-reference", 422));

        var issued = await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued");
        var invoice = await Suite.Api.GetInvoiceAsync(token, application.PaymentReference!);
        invoice.Status.Should().Be("Paid");
        invoice.BankTransactionId.Should().Be(transaction);
        invoice.BankCode.Should().Be(SuiteFixture.BankCode);
        (await Suite.Api.GetLicenceAsync(token, issued.LicenceNumber!)).Status.Should().Be("Active");
        await SuiteDatabase.ShouldHaveExactlyOneOfEachAsync(Suite.Host, application.ApplicationId);
    }

    [Fact]
    public async Task Paying_the_invoice_of_a_cancelled_application_is_refused_as_expired()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync("56.10");

        (await Scenario.StatusOfAsync(HttpMethod.Post, $"/api/applications/{application.ApplicationId}/cancel", token))
            .Should().Be(HttpStatusCode.OK);
        await Eventually.UntilAsync(
            ct => Suite.Api.GetInvoiceAsync(token, application.PaymentReference!, ct), i => i.Status == "Expired",
            "the cancelled application's invoice to expire");

        var answer = await Scenario.PayAsync(application);
        answer.Should().Be(new PaymentAnswer(null, "invoice-expired", 422));
        (await Suite.Api.GetApplicationAsync(token, application.ApplicationId)).Status.Should().Be("Cancelled");
    }

    [Fact]
    public async Task The_demo_bank_pays_a_bill_by_its_reference_in_one_call()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync();

        using var bank = new HttpClient { BaseAddress = new Uri(Suite.Host.Url("demo-bank")) };
        using var response = await bank.PostAsJsonAsync("/pay", new { paymentReference = application.PaymentReference });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued");
    }
}

using Microsoft.EntityFrameworkCore;

namespace FeePayments.Tests;

/// <summary>What a callback leaves behind: the body limit, what the audit ledger keeps, and no work for a person
/// when the bank itself was given the answer.</summary>
public class BankCallbackLedgerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int MaxBodyBytes = 16 * 1024;
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var bank = fixture.App.BankClient();
        return await bank.PostAsync("/bank/v1/payments", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task A_signed_body_of_16_KiB_is_read_and_one_byte_more_is_413()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var json = $$"""{"paymentReference":"{{invoice.PaymentReference}}","amount":150.00,"currency":"TMT","bankTransactionId":"limit-16k","paidAt":"2026-11-27T10:00:00Z"}""";
        // Whitespace after the object keeps it the same payment, only longer.
        var exact = json + new string(' ', MaxBodyBytes - json.Length);

        var tooLarge = await PostAsync(exact + " ");
        var accepted = await PostAsync(exact);

        (await tooLarge.ProblemAsync()).Should().Be((HttpStatusCode.RequestEntityTooLarge, "payload-too-large"));
        (await tooLarge.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString()
            .Should().Be("The request body is too large.");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Scenario.StatusAsync(accepted)).Should().Be("accepted");
    }

    [Fact]
    public async Task An_unreadable_body_is_audited_with_its_first_8000_characters()
    {
        var marker = "{not json " + Guid.NewGuid().ToString("N");
        var body = marker + new string('x', 9000);

        var response = await PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var audited = await _scenario.QueryAsync(db => db.PaymentAttempts.AsNoTracking()
            .Where(a => a.RawBody!.StartsWith(marker)).ToListAsync());
        audited.Should().ContainSingle();
        audited[0].Should().BeEquivalentTo(new { BankCode = FeePaymentsApp.Bank, Outcome = "validation", RawBody = body[..8000] });
    }

    [Fact]
    public async Task A_refused_callback_is_answered_to_the_bank_and_leaves_no_exception_for_a_person()
    {
        // Reconciliation has nobody to answer, so it queues the same refusal for a person; a callback does not.
        var invoice = await _scenario.IssueInvoiceAsync(fee: 150.00m);

        var response = await _scenario.PayAsync(invoice, "callback-refused", amount: 149.00m);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await _scenario.QueryAsync(db => db.PaymentExceptions.CountAsync(e => e.BankTransactionId == "callback-refused")))
            .Should().Be(0);
        (await _scenario.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.BankTransactionId == "callback-refused")))
            .Should().Be(1);
    }
}

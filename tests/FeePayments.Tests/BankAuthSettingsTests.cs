using G2B.BankSignatures;

namespace FeePayments.Tests;

public sealed class StrictBankAuthFixture() : AppFixture(("BankAuth:Tolerance", "00:00:30"), ("BankAuth:MaxBodyBytes", "1024"));

/// <summary>An operator's BankAuth settings, not the defaults, decide the signature window and the body limit.</summary>
public class BankAuthSettingsTests(StrictBankAuthFixture fixture) : IClassFixture<StrictBankAuthFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<HttpResponseMessage> PostAsync(string body, TimeSpan skew = default)
    {
        using var client = fixture.App.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/bank/v1/payments")
        {
            Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.Add(BankSignature.CodeHeader, FeePaymentsApp.Bank);
        request.Headers.Add(BankSignature.SignatureHeader,
            BankSignature.CreateHeader(FeePaymentsApp.BankSecret, fixture.App.Clock.GetUtcNow() + skew, bytes));
        return await client.SendAsync(request);
    }

    private async Task<string> BodyAsync(string transactionId)
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        return $$"""{"paymentReference":"{{invoice.PaymentReference}}","amount":150.00,"currency":"TMT","bankTransactionId":"{{transactionId}}","paidAt":"2026-11-27T10:00:00Z"}""";
    }

    [Fact]
    public async Task A_signature_older_than_the_configured_window_is_401()
    {
        (await PostAsync(await BodyAsync("strict-old"), TimeSpan.FromSeconds(-31))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostAsync(await BodyAsync("strict-fresh"), TimeSpan.FromSeconds(-25))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_413_and_one_at_it_is_read()
    {
        var json = await BodyAsync("strict-size");
        var exact = json + new string(' ', 1024 - json.Length);

        (await PostAsync(exact + " ")).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await PostAsync(exact)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

using G2B.BankSignatures;

namespace FeePayments.Tests;

/// <summary>The bank endpoints behind the signature: every failure is the same bare 401.</summary>
public class BankSignatureEndpointTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly Scenario _scenario = fixture.Scenario;

    private async Task<(Invoice Invoice, byte[] Body)> PaymentBodyAsync(string transactionId)
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        var json = $$"""{"paymentReference":"{{invoice.PaymentReference}}","amount":150.00,"currency":"TMT","bankTransactionId":"{{transactionId}}","paidAt":"2026-11-27T10:00:00Z"}""";
        return (invoice, Encoding.UTF8.GetBytes(json));
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? bankCode, string? signature)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/bank/v1/payments")
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        if (bankCode is not null)
        {
            request.Headers.TryAddWithoutValidation(BankSignature.CodeHeader, bankCode);
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(BankSignature.SignatureHeader, signature);
        }

        return await client.SendAsync(request);
    }

    private string Sign(string secret, byte[] body, TimeSpan skew = default) =>
        BankSignature.CreateHeader(secret, fixture.App.Clock.GetUtcNow() + skew, body);

    private static async Task ShouldBeBare401(HttpResponseMessage response)
    {
        (await response.ProblemAsync()).Should().Be((HttpStatusCode.Unauthorized, "unauthorized"));
        // Nothing says which part failed.
        (await response.Content.ReadAsStringAsync()).Should().NotContainAny("signature", "secret", "stale", "bank code", "detail\":\"");
    }

    [Fact]
    public async Task A_correct_signature_is_accepted()
    {
        var (_, body) = await PaymentBodyAsync("sig-ok");
        var response = await PostAsync(body, FeePaymentsApp.Bank, Sign(FeePaymentsApp.BankSecret, body));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stale_signature_is_401() =>
        await ShouldBeBare401(await PostWithAsync("sig-stale", b => Sign(FeePaymentsApp.BankSecret, b, TimeSpan.FromSeconds(-301))));

    [Fact]
    public async Task Signature_from_the_future_is_401() =>
        await ShouldBeBare401(await PostWithAsync("sig-future", b => Sign(FeePaymentsApp.BankSecret, b, TimeSpan.FromSeconds(301))));

    [Fact]
    public async Task Signature_just_inside_the_window_is_accepted()
    {
        var response = await PostWithAsync("sig-edge", b => Sign(FeePaymentsApp.BankSecret, b, TimeSpan.FromSeconds(-290)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_secret_is_401() =>
        await ShouldBeBare401(await PostWithAsync("sig-wrong", b => Sign("not-the-secret", b)));

    [Fact]
    public async Task Secret_of_another_bank_is_401()
    {
        var (_, body) = await PaymentBodyAsync("sig-other-bank");
        await ShouldBeBare401(await PostAsync(body, FeePaymentsApp.RotatingBank, Sign(FeePaymentsApp.BankSecret, body)));
    }

    [Fact]
    public async Task During_a_rotation_old_and_new_secrets_both_pass()
    {
        var (_, oldBody) = await PaymentBodyAsync("sig-rot-old");
        var (_, newBody) = await PaymentBodyAsync("sig-rot-new");
        var (_, bothBody) = await PaymentBodyAsync("sig-rot-both");
        var both = BankSignature.CreateHeader(["retired-long-ago", FeePaymentsApp.NewSecret],
            fixture.App.Clock.GetUtcNow().ToUnixTimeSeconds(), bothBody);

        (await PostAsync(oldBody, FeePaymentsApp.RotatingBank, Sign(FeePaymentsApp.OldSecret, oldBody))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(newBody, FeePaymentsApp.RotatingBank, Sign(FeePaymentsApp.NewSecret, newBody))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(bothBody, FeePaymentsApp.RotatingBank, both)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tampered_body_is_401_and_changes_nothing()
    {
        var (invoice, body) = await PaymentBodyAsync("sig-tamper");
        var signature = Sign(FeePaymentsApp.BankSecret, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("150.00", "1.00", StringComparison.Ordinal));

        await ShouldBeBare401(await PostAsync(tampered, FeePaymentsApp.Bank, signature));
        (await _scenario.InvoiceForAsync(invoice.ApplicationId))!.Status.Should().Be(InvoiceStatus.Open);
    }

    [Fact]
    public async Task Missing_signature_or_bank_code_is_401()
    {
        var (_, body) = await PaymentBodyAsync("sig-missing");
        await ShouldBeBare401(await PostAsync(body, FeePaymentsApp.Bank, null));
        await ShouldBeBare401(await PostAsync(body, null, Sign(FeePaymentsApp.BankSecret, body)));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=now,v1=abc")]
    [InlineData("v1=00")]
    [InlineData("t=1,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Garbage_signature_header_is_401(string header) =>
        await ShouldBeBare401(await PostWithAsync("sig-garbage-" + header.Length, _ => header));

    [Fact]
    public async Task Unknown_bank_is_401()
    {
        var (_, body) = await PaymentBodyAsync("sig-unknown-bank");
        await ShouldBeBare401(await PostAsync(body, "NOSUCHBANK", Sign(FeePaymentsApp.BankSecret, body)));
    }

    [Fact]
    public async Task Bill_lookup_signed_for_another_path_is_401()
    {
        var invoice = await _scenario.IssueInvoiceAsync();
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/bank/v1/bills/{invoice.PaymentReference}");
        request.Headers.Add(BankSignature.CodeHeader, FeePaymentsApp.Bank);
        request.Headers.Add(BankSignature.SignatureHeader,
            Sign(FeePaymentsApp.BankSecret, Encoding.UTF8.GetBytes("/bank/v1/bills/RF18539007547034")));

        await ShouldBeBare401(await client.SendAsync(request));
    }

    private async Task<HttpResponseMessage> PostWithAsync(string transactionId, Func<byte[], string> signature)
    {
        var (_, body) = await PaymentBodyAsync(transactionId);
        return await PostAsync(body, FeePaymentsApp.Bank, signature(body));
    }
}

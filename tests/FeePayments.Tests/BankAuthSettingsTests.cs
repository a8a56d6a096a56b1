using FeePayments.Api.Banks;
using G2B.BankSignatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Fact]
    public void The_service_checks_its_settings_with_the_validator_below_and_reads_the_configured_ones()
    {
        var services = fixture.App.Services;
        services.GetServices<IValidateOptions<BankAuthOptions>>().Should().ContainSingle(v => v is BankAuthOptionsValidator);
        var options = services.GetRequiredService<IOptionsMonitor<BankAuthOptions>>().CurrentValue;
        options.Tolerance.Should().Be(TimeSpan.FromSeconds(30));
        options.MaxBodyBytes.Should().Be(1024);
    }

    [Fact]
    public void A_service_configured_to_refuse_every_bank_does_not_start_and_says_which_setting()
    {
        fixture.App.StartFailure(("BankAuth:Tolerance", "00:00:00")).Message.Should().Contain("BankAuth:Tolerance");
        fixture.App.StartFailure(("BankAuth:MaxBodyBytes", "0")).Message.Should().Contain("BankAuth:MaxBodyBytes");
    }
}

/// <summary>Settings that would refuse every bank are refused when the service starts, by name.</summary>
public class BankAuthOptionsValidatorTests
{
    private static ValidateOptionsResult Check(TimeSpan tolerance, int maxBodyBytes) =>
        new BankAuthOptionsValidator().Validate(null, new BankAuthOptions { Tolerance = tolerance, MaxBodyBytes = maxBodyBytes });

    [Fact]
    public void The_defaults_and_the_smallest_positive_values_pass()
    {
        new BankAuthOptionsValidator().Validate(null, new BankAuthOptions()).Succeeded.Should().BeTrue();
        Check(TimeSpan.FromTicks(1), 1).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-300)]
    public void A_window_of_zero_or_less_is_refused(int seconds)
    {
        var result = Check(TimeSpan.FromSeconds(seconds), 1024);
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("BankAuth:Tolerance");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_body_limit_of_zero_or_less_is_refused(int bytes)
    {
        var result = Check(TimeSpan.FromSeconds(30), bytes);
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("BankAuth:MaxBodyBytes");
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using G2B.BankSignatures;

namespace EndToEnd.Tests;

/// <summary>A bank (or someone posing as one) sending broken signatures and broken payment bodies.</summary>
public sealed class BadInputBankTests(EndToEndSuite suite) : BadInputTests(suite)
{
    [Fact]
    public async Task Missing_malformed_stale_or_wrong_signatures_all_get_the_same_401_problem()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var body = PaymentBody(world).ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Sign(string secret, long t) => BankSignature.CreateHeader([secret], t, bytes);
        var attempts = new Dictionary<string, (string? Code, string? Signature)>
        {
            ["no headers"] = (null, null),
            ["no signature"] = (SuiteFixture.BankCode, null),
            ["no bank code"] = (null, Sign(SuiteFixture.BankSecret, now)),
            ["garbage"] = (SuiteFixture.BankCode, "garbage"),
            ["non-numeric time"] = (SuiteFixture.BankCode, "t=abc,v1=00"),
            ["non-hex mac"] = (SuiteFixture.BankCode, $"t={now},v1=zz"),
            ["huge mac"] = (SuiteFixture.BankCode, $"t={now},v1={new string('a', 4000)}"),
            ["many macs"] = (SuiteFixture.BankCode, $"t={now}" + string.Concat(Enumerable.Repeat(",v1=00", 500))),
            ["stale"] = (SuiteFixture.BankCode, Sign(SuiteFixture.BankSecret, now - 1000)),
            ["future"] = (SuiteFixture.BankCode, Sign(SuiteFixture.BankSecret, now + 1000)),
            ["overflowing time"] = (SuiteFixture.BankCode, "t=99999999999999999999999,v1=00"),
            ["wrong secret"] = (SuiteFixture.BankCode, Sign("not-the-secret", now)),
            ["unknown bank"] = ("NOBANK", Sign(SuiteFixture.BankSecret, now)),
            ["hostile bank code"] = ("' OR 1=1 --", Sign(SuiteFixture.BankSecret, now)),
        };

        var details = new HashSet<string>();
        foreach (var (name, (code, signature)) in attempts)
        {
            var headers = new Dictionary<string, string>();
            if (code is not null)
            {
                headers[BankSignature.CodeHeader] = code;
            }

            if (signature is not null)
            {
                headers[BankSignature.SignatureHeader] = signature;
            }

            var answer = await Probe.SendAsync(HttpMethod.Post, "/bank/v1/payments", null, body, headers: headers);
            var problem = answer.ShouldBeClientProblem(401);
            details.Add($"{problem.Slug}|{problem.Title}|{problem.Detail}");
            var bill = await Probe.SendAsync(HttpMethod.Get, $"/bank/v1/bills/{world.Application.PaymentReference}", null, null, headers: headers);
            bill.ShouldBeClientProblem(401);
        }

        details.Should().ContainSingle("the answer must not tell which part of the signature failed");
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task Signed_malformed_bodies_get_a_problem()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        foreach (var body in BadInputCases.Malformed())
        {
            var answer = await Probe.SendAsync(HttpMethod.Post, "/bank/v1/payments", null, body.Body, body.ContentType, signedByBank: true);
            answer.ShouldBeClientProblem();
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Theory]
    [InlineData("amount", "\"{fee}\"")]
    [InlineData("amount", "{fee}1")] // three decimals
    [InlineData("amount", "-{fee}")]
    [InlineData("amount", "0")]
    [InlineData("amount", "0.00")]
    [InlineData("amount", "1e400")]
    [InlineData("amount", "79228162514264337593543950336")]
    [InlineData("amount", "1.23456789012345678901234567890123")]
    [InlineData("amount", "[{fee}]")]
    [InlineData("amount", "null")]
    [InlineData("amount", null)]
    [InlineData("currency", "\"{currency-lower}\"")]
    [InlineData("currency", "\"{currency}X\"")]
    [InlineData("currency", "\"\"")]
    [InlineData("currency", "978")]
    [InlineData("currency", "\"T\\u0000T\"")]
    [InlineData("currency", null)]
    [InlineData("paymentReference", "\"{reference-bad-check}\"")]
    [InlineData("paymentReference", "\"RF\"")]
    [InlineData("paymentReference", "\"RF18 5390 0754 7034 ' OR 1=1\"")]
    [InlineData("paymentReference", "\"../../bills\"")]
    [InlineData("paymentReference", "42")]
    [InlineData("paymentReference", null)]
    [InlineData("bankTransactionId", "\"\"")]
    [InlineData("bankTransactionId", "\"{huge}\"")]
    [InlineData("bankTransactionId", "\"TX\\u0000NUL\"")]
    [InlineData("bankTransactionId", "\"\\ud800\"")]
    [InlineData("bankTransactionId", "12345")]
    [InlineData("bankTransactionId", null)]
    [InlineData("paidAt", "\"yesterday\"")]
    [InlineData("paidAt", "\"2026-13-45T99:99:99Z\"")]
    [InlineData("paidAt", "1767225600")]
    [InlineData("paidAt", null)]
    public async Task A_signed_payment_with_one_bad_field_is_refused_and_pays_nothing(string field, string? json)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var fee = world.Application.Fee.ToString("0.00", CultureInfo.InvariantCulture);
        var value = json?
            .Replace("{fee}", fee, StringComparison.Ordinal)
            .Replace("{currency-lower}", world.Application.Currency.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{currency}", world.Application.Currency, StringComparison.Ordinal)
            .Replace("{reference-bad-check}", BreakCheckDigits(world.Application.PaymentReference!), StringComparison.Ordinal)
            .Replace("{huge}", BadInputCases.Huge, StringComparison.Ordinal);
        var body = PaymentBody(world);
        body.Remove(field);
        var text = value is null ? body.ToJsonString() : $"{{\"{field}\":{value},{body.ToJsonString()[1..]}";

        var answer = await Probe.SendAsync(HttpMethod.Post, "/bank/v1/payments", null, text, signedByBank: true);

        answer.ShouldBeClientProblem();
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task A_payment_body_with_a_duplicated_amount_is_refused_whichever_copy_is_right()
    {
        // Its own invoice: if the parser picked the right copy, this payment would go through.
        var scenario = new Scenario(Suite);
        var token = await scenario.BusinessAsync();
        var company = await scenario.RegisterAsync(token, "47.11");
        var application = await scenario.ApplyAndAwaitInvoiceAsync(token, company, await scenario.TypeAsync(false, "47.11"));
        var fee = application.Fee.ToString("0.00", CultureInfo.InvariantCulture);
        var reference = application.PaymentReference!;

        foreach (var amounts in new[] { $"\"amount\": 0.01, \"amount\": {fee}", $"\"amount\": {fee}, \"amount\": 0.01" })
        {
            var body = $"{{\"paymentReference\": \"{reference}\", {amounts}, \"currency\": \"{application.Currency}\", " +
                $"\"bankTransactionId\": \"{Scenario.NewTransactionId()}\", \"paidAt\": \"{DateTimeOffset.UtcNow:O}\"}}";
            var answer = await Probe.SendAsync(HttpMethod.Post, "/bank/v1/payments", null, body, signedByBank: true);
            answer.ShouldBeClientProblem(400, fieldErrors: true);
        }

        (await Suite.Api.GetInvoiceAsync(token, reference)).Status.Should().Be("Open");
    }

    internal static JsonObject PaymentBody(BadInputWorld world) => new()
    {
        ["paymentReference"] = world.Application.PaymentReference,
        ["amount"] = world.Application.Fee,
        ["currency"] = world.Application.Currency,
        ["bankTransactionId"] = Scenario.NewTransactionId(),
        ["paidAt"] = DateTimeOffset.UtcNow,
    };

    /// <summary>The same reference with other check digits: well shaped, but MOD 97 fails.</summary>
    internal static string BreakCheckDigits(string reference)
    {
        var check = int.Parse(reference.AsSpan(2, 2), CultureInfo.InvariantCulture);
        return $"RF{(check + 1) % 97 + 2:00}{reference[4..]}";
    }
}

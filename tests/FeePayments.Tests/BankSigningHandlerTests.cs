using G2B.BankSignatures;

namespace FeePayments.Tests;

/// <summary>The client side of the bank scheme: what the signing handler puts on each request.</summary>
public class BankSigningHandlerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"amount\":150.00}");
    private static readonly TimeSpan Tolerance = BankSignature.DefaultTolerance;

    private static bool Signed(HttpRequestMessage request, string payload, DateTimeOffset now) =>
        Signed(request, Encoding.UTF8.GetBytes(payload), now);

    private static bool Signed(HttpRequestMessage request, byte[] payload, DateTimeOffset now) =>
        BankSignature.Verify(request.Headers.GetValues(BankSignature.SignatureHeader).Single(), ["secret"], payload, now, Tolerance);

    /// <summary>BANK1's signing handler at <paramref name="time"/> (else <see cref="Now"/>), in front of a capture of what it sends.</summary>
    private static BankSigningHandler Signing(List<HttpRequestMessage> seen, TimeProvider? time = null) =>
        new("BANK1", () => "secret", time ?? new FixedTime(Now)) { InnerHandler = new Capture(seen) };

    [Fact]
    public async Task A_get_is_signed_over_path_and_query_and_a_post_over_its_body()
    {
        var seen = new List<HttpRequestMessage>();
        using var client = new HttpClient(Signing(seen));

        await client.GetAsync("http://bank.test/v1/transactions?since=2026-11-27T00%3A00%3A00Z&limit=5");
        await client.PostAsync("http://bank.test/bank/v1/payments", new ByteArrayContent(Body));

        seen.Select(r => r.Headers.GetValues(BankSignature.CodeHeader).Single()).Should().Equal("BANK1", "BANK1");
        Signed(seen[0], "/v1/transactions?since=2026-11-27T00%3A00%3A00Z&limit=5", Now).Should().BeTrue();
        Signed(seen[1], Body, Now).Should().BeTrue();
    }

    [Fact]
    public async Task A_request_without_a_body_is_signed_over_path_and_query_whatever_its_method()
    {
        var seen = new List<HttpRequestMessage>();
        using var client = new HttpClient(Signing(seen));

        await client.DeleteAsync("http://bank.test/v1/subscriptions/7?reason=closed");

        Signed(seen.Single(), "/v1/subscriptions/7?reason=closed", Now).Should().BeTrue();
    }

    [Fact]
    public async Task A_resent_request_carries_one_code_and_one_fresh_signature()
    {
        // Retry handlers outside this one send the same request object again, minutes later.
        var seen = new List<HttpRequestMessage>();
        var time = new FixedTime(Now);
        using var invoker = new HttpMessageInvoker(Signing(seen, time));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://bank.test/v1/transactions");

        await invoker.SendAsync(request, CancellationToken.None);
        time.Now = Now.AddMinutes(10);
        await invoker.SendAsync(request, CancellationToken.None);

        request.Headers.GetValues(BankSignature.CodeHeader).Should().Equal("BANK1");
        request.Headers.GetValues(BankSignature.SignatureHeader).Should().ContainSingle();
        Signed(request, "/v1/transactions", Now.AddMinutes(10)).Should().BeTrue();
    }

    [Fact]
    public async Task A_request_without_an_address_is_refused_before_anything_is_sent()
    {
        var seen = new List<HttpRequestMessage>();
        using var invoker = new HttpMessageInvoker(Signing(seen));

        var send = () => invoker.SendAsync(new HttpRequestMessage(), CancellationToken.None);

        (await send.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*absolute URI*");
        seen.Should().BeEmpty();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Capture(List<HttpRequestMessage> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}

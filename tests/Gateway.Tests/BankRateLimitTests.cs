using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Tests;

/// <summary>A bank's bucket is drawn on only by requests whose signature verified (issue 11, point 3).</summary>
public sealed class BankRateLimitTests : IAsyncLifetime
{
    private const string Secret = "bank-a-secret-for-tests";
    private const string Bill = "/bank/v1/bills/RF18539007547034";
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitLimit"] = "3",
            ["Gateway:RateLimit:WindowSeconds"] = "60",
            ["Banks:BANKA:Secrets:0"] = Secret,
        },
        TestPeer.FromHeader);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Unsigned_or_forged_calls_naming_a_bank_never_throttle_that_bank()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Bill).From("198.51.100.66");
            if (i % 2 == 0)
            {
                request.Headers.Add("X-Bank-Code", "BANKA");
            }
            else
            {
                request.SignedBy("BANKA", "not-the-secret");
            }

            statuses.Add(await SendAsync(request));
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "the flood is limited by its own address");
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(new HttpRequestMessage(HttpMethod.Get, Bill).From("203.0.113.10").SignedBy("BANKA", Secret)))
                .Should().Be(HttpStatusCode.OK, "the bank's own bucket was never touched by the flood");
        }
    }

    [Fact]
    public async Task Invented_bank_codes_do_not_escape_the_address_limit()
    {
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(Named("BANK-" + Guid.NewGuid().ToString("N")[..8], "198.51.100.77"))).Should().Be(HttpStatusCode.OK);
        }

        (await SendAsync(Named("BANK-FRESH", "198.51.100.77"))).Should().Be(HttpStatusCode.TooManyRequests);
        (await SendAsync(Named("BANK-FRESH", "198.51.100.78"))).Should().Be(HttpStatusCode.OK, "another address has its own bucket");
    }

    [Fact]
    public async Task A_verified_bank_has_one_bucket_whatever_the_spelling_or_address()
    {
        (await SendAsync(Signed("BANKA", "192.0.2.1"))).Should().Be(HttpStatusCode.OK);
        (await SendAsync(Signed("banka", "192.0.2.2"))).Should().Be(HttpStatusCode.OK);
        (await SendAsync(Signed("BankA", "192.0.2.3"))).Should().Be(HttpStatusCode.OK);

        (await SendAsync(Signed("BANKA", "192.0.2.4"))).Should().Be(HttpStatusCode.TooManyRequests);
        (await SendAsync(Named("BANKA", "192.0.2.1"))).Should().Be(HttpStatusCode.OK,
            "an unsigned call from the bank's address draws on that address, not on the bank");
    }

    [Fact]
    public async Task A_signed_payment_is_verified_and_forwarded_byte_for_byte()
    {
        var body = Encoding.UTF8.GetBytes("""{"paymentReference":"RF18539007547034","amount":150.00,"currency":"TMT","bankTransactionId":"tx-1"}""");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/bank/v1/payments") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            // A new address each time: only the bank's bucket can run out.
            statuses.Add(await SendAsync(request.From($"192.0.2.{50 + i}").SignedBy("BANKA", Secret, body)));
        }

        // Three permits: the fourth call is limited by the bank's bucket, which only a verified body reaches.
        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        _host.Downstreams["fee-payments"].LogEntries
            .Where(e => e.RequestMessage.Path == "/bank/v1/payments")
            .Should().HaveCount(3).And.OnlyContain(e => e.RequestMessage.BodyAsBytes!.SequenceEqual(body));
    }

    private static HttpRequestMessage Named(string bankCode, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Bill).From(peer);
        request.Headers.Add("X-Bank-Code", bankCode);
        return request;
    }

    private static HttpRequestMessage Signed(string bankCode, string peer) =>
        new HttpRequestMessage(HttpMethod.Get, Bill).From(peer).SignedBy(bankCode, Secret);

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _host.CreateClient().SendAsync(request);
            return response.StatusCode;
        }
    }
}

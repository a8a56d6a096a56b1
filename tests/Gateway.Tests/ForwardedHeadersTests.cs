namespace Gateway.Tests;

/// <summary>X-Forwarded-For / -Proto count only from configured proxies (issue 11, point 7).</summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitLimit"] = "2",
            ["Gateway:RateLimit:WindowSeconds"] = "60",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["ForwardedHeaders:KnownNetworks:0"] = "10.42.0.0/16",
        },
        TestPeer.FromHeader);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(Proxy)]
    [InlineData("10.42.7.9")]
    public async Task Behind_a_known_proxy_each_real_client_has_its_own_bucket(string proxy)
    {
        (await SendAsync(proxy, "203.0.113.1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(proxy, "203.0.113.1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(proxy, "203.0.113.1")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        (await SendAsync(proxy, "203.0.113.2")).StatusCode.Should().Be(HttpStatusCode.OK, "another client behind the same proxy");
        // The client's own claim left of what the proxy appended is not believed.
        (await SendAsync(proxy, "203.0.113.9, 203.0.113.1")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("198.51.100.20")]
    [InlineData("127.0.0.1")] // ASP.NET Core trusts loopback by default; here nothing is trusted unless configured
    public async Task Forwarded_headers_from_anyone_else_change_nothing(string peer)
    {
        (await SendAsync(peer, "203.0.113.11", "https")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var second = await SendAsync(peer, "203.0.113.12", "https");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request came over plain HTTP");

        (await SendAsync(peer, "203.0.113.13")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "every spoofed address still draws on the real peer's bucket");
        var forwarded = _host.Downstreams["licence-applications"].LogEntries.Last().RequestMessage.Headers!;
        forwarded["X-Forwarded-For"].Should().NotContain(v => v.Contains("203.0.113."), "the service sees the real peer");
    }

    [Fact]
    public async Task HTTPS_terminated_at_a_known_proxy_is_recognised_and_gets_HSTS()
    {
        using var response = await SendAsync(Proxy, "203.0.113.30", "https");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().StartWith("max-age=");
        var forwarded = _host.Downstreams["licence-applications"].LogEntries.Last().RequestMessage.Headers!;
        forwarded["X-Forwarded-For"].Should().Equal("203.0.113.30");
        forwarded["X-Forwarded-Proto"].Should().Equal("https");
    }

    [Fact]
    public async Task A_malformed_network_stops_the_start_with_the_key_named()
    {
        var start = () => GatewayHost.StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99" });

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("ForwardedHeaders:KnownNetworks");
    }

    private async Task<HttpResponseMessage> SendAsync(string peer, string forwardedFor, string? proto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/licence-types").From(peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return await _host.CreateClient().SendAsync(request);
    }
}

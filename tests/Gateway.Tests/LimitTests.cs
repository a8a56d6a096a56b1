using System.Net.Http.Headers;
using G2B.ServiceDefaults;

namespace Gateway.Tests;

public sealed class BodyLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_body_over_one_mebibyte_is_413_problem_and_not_forwarded()
    {
        var path = "/api/companies/" + Guid.NewGuid().ToString("N");
        using var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await fixture.Host.CreateClient().PostAsync(path, content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/payload-too-large");
        // Answered before any service is reached, and still correlated like every other response.
        var correlationId = response.Headers.GetValues("X-Correlation-Id").Should().ContainSingle().Subject;
        problem.GetProperty("correlationId").GetString().Should().Be(correlationId);
        fixture.Host.Downstreams["company-registry"].LogEntries.Should().NotContain(e => e.RequestMessage.Path == path);
    }

    [Fact]
    public async Task A_document_upload_may_be_up_to_eleven_mebibytes_on_its_own_route_only()
    {
        var id = Guid.NewGuid();
        var client = fixture.Host.CreateClient();
        var documents = $"/api/applications/{id}/documents";

        using var upload = await client.PostAsync(documents, Body(5 * 1024 * 1024));
        using var elsewhere = await client.PostAsync($"/api/applications/{id}/cancel", Body(5 * 1024 * 1024));
        using var tooLarge = await client.PostAsync(documents, Body((11 * 1024 * 1024) + 1));

        upload.StatusCode.Should().Be(HttpStatusCode.OK);
        fixture.Host.Downstreams["licence-applications"].LogEntries.Should().Contain(e => e.RequestMessage.Path == documents);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("11534336");
    }

    [Fact]
    public async Task The_portals_two_upload_pages_take_up_to_twenty_five_mebibytes_and_its_other_pages_one()
    {
        var id = Guid.NewGuid();
        var client = fixture.Host.CreateClient();

        // Up to 25 MiB reaches the portal, which says in words that a file is too large for the API.
        using var documents = await client.PostAsync($"/applications/{id}/documents", Body(12 * 1024 * 1024));
        using var respond = await client.PostAsync($"/applications/{id}/respond", Body(12 * 1024 * 1024));
        using var tooLarge = await client.PostAsync($"/applications/{id}/respond", Body((25 * 1024 * 1024) + 1));
        using var elsewhere = await client.PostAsync($"/applications/{id}/appeal", Body(2 * 1024 * 1024));

        documents.StatusCode.Should().Be(HttpStatusCode.OK);
        respond.StatusCode.Should().Be(HttpStatusCode.OK);
        fixture.Host.Downstreams["portal"].LogEntries.Should().Contain(e => e.RequestMessage.Path == $"/applications/{id}/respond");
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Kestrel_lets_a_chunked_document_upload_past_the_server_wide_limit()
    {
        await using var host = await GatewayHost.StartAsync(kestrel: true);
        using var client = new HttpClient { BaseAddress = host.KestrelAddress };
        var path = $"/api/applications/{Guid.NewGuid()}/documents";
        // No Content-Length: only the per-request limit the route raised lets Kestrel read past 1 MiB.
        using var content = new StreamContent(new MemoryStream(new byte[3 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Downstreams["licence-applications"].LogEntries.Should().Contain(e => e.RequestMessage.Path == path);
    }

    private static ByteArrayContent Body(int size)
    {
        var content = new ByteArrayContent(new byte[size]);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");
        return content;
    }

    [Fact]
    public async Task A_body_at_the_limit_is_forwarded()
    {
        var path = "/api/companies/" + Guid.NewGuid().ToString("N");
        using var content = new ByteArrayContent(new byte[1024 * 1024]);

        using var response = await fixture.Host.CreateClient().PostAsync(path, content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class RateLimitTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitLimit"] = "3",
        ["Gateway:RateLimit:WindowSeconds"] = "60",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_caller_over_the_limit_gets_429_with_retry_after_while_others_are_unaffected()
    {
        var alice = _host.Issuer.CreateToken("alice", AuthPolicies.Business);
        var bob = _host.Issuer.CreateToken("bob", AuthPolicies.Business);

        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(token: alice)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var rejected = await SendAsync(token: alice);
        rejected.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        rejected.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        rejected.Headers.GetValues("X-Correlation-Id").Should().ContainSingle().Which.Should().NotBeNullOrWhiteSpace();
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/too-many-requests");

        (await SendAsync(token: bob)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(bankCode: "DEMOBANK")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> SendAsync(string? token = null, string? bankCode = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, bankCode is null ? "/api/invoices/RF1" : "/bank/v1/bills/RF1");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (bankCode is not null)
        {
            request.Headers.Add("X-Bank-Code", bankCode);
        }

        return await _host.CreateClient().SendAsync(request);
    }
}

public sealed class RateLimitOffTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    // As tools/benchmark.sh runs the gateway: the limit switched off, with a permit limit that would otherwise bite.
    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:Enabled"] = "false",
        ["Gateway:RateLimit:PermitLimit"] = "1",
        ["Gateway:RateLimit:WindowSeconds"] = "60",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Switched_off_no_caller_is_limited()
    {
        var client = _host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/api/invoices/RF1");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }
}

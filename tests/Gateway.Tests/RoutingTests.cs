namespace Gateway.Tests;

public sealed class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("GET", "/api/companies?q=acme&limit=5", "company-registry")]
    [InlineData("POST", "/api/companies", "company-registry")]
    [InlineData("GET", "/api/companies/REG-1", "company-registry")]
    [InlineData("GET", "/api/companies/REG-1/history", "company-registry")]
    [InlineData("POST", "/api/companies/REG-1/suspend", "company-registry")]
    [InlineData("GET", "/api/activity-codes", "company-registry")]
    [InlineData("GET", "/api/licence-types", "licence-applications")]
    [InlineData("POST", "/api/applications", "licence-applications")]
    [InlineData("GET", "/api/applications?status=Issued", "licence-applications")]
    [InlineData("POST", "/api/applications/8f1c/decision", "licence-applications")]
    [InlineData("GET", "/api/licences/LIC-1", "licence-applications")]
    [InlineData("POST", "/api/licences/LIC-1/revoke", "licence-applications")]
    [InlineData("GET", "/verify/licences/LIC-1", "licence-applications")]
    [InlineData("POST", "/verify/credentials", "licence-applications")]
    [InlineData("GET", "/.well-known/jwks.json", "licence-applications")]
    [InlineData("GET", "/api/invoices/RF18539007547034", "fee-payments")]
    [InlineData("GET", "/api/payments/exceptions", "fee-payments")]
    [InlineData("GET", "/bank/v1/bills/RF18539007547034", "fee-payments")]
    [InlineData("POST", "/bank/v1/payments", "fee-payments")]
    [InlineData("GET", "/api/events?after=12&limit=5", "notifications")]
    [InlineData("GET", "/api/events/stream", "notifications")]
    [InlineData("POST", "/api/webhooks", "notifications")]
    [InlineData("GET", "/api/webhooks/0199/deliveries", "notifications")]
    [InlineData("POST", "/api/webhooks/0199/deliveries/0200/redeliver", "notifications")]
    [InlineData("GET", "/", "portal")]
    [InlineData("GET", "/dashboard", "portal")]
    [InlineData("GET", "/companies/REG-1?registered=1", "portal")]
    [InlineData("POST", "/applications/new", "portal")]
    [InlineData("GET", "/signin-oidc?code=abc&state=xyz", "portal")]
    [InlineData("GET", "/css/site.css", "portal")]
    [InlineData("GET", "/verify?credential=e30.e30.sig", "portal")] // the page a licence's QR code opens
    [InlineData("GET", "/verify", "portal")]
    public async Task Each_contract_path_reaches_its_service_unchanged(string method, string pathAndQuery, string service)
    {
        var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reason = "test" });
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("service").GetString().Should().Be(service);
        fixture.Host.Downstreams[service].LogEntries
            .Should().Contain(e => e.RequestMessage.Method == method
                && new Uri(e.RequestMessage.Url).PathAndQuery == pathAndQuery);
    }

    [Theory]
    [InlineData("/dapr/subscribe")]
    [InlineData("/dapr/config")]
    [InlineData("/events/company-registered")]
    [InlineData("/openapi/internal.json")] // the gateway serves only its public /openapi/v1.json (OpenApiDocumentTests)
    [InlineData("/scalar/v1")]
    [InlineData("/api/companies-internal")]
    [InlineData("/api/unknown/thing")]
    [InlineData("/internal/outbox")]
    [InlineData("/api")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/healthz/unknown")]
    public async Task Internal_and_unknown_paths_are_404_and_never_forwarded(string path)
    {
        var client = fixture.Host.CreateClient();

        using var get = await client.GetAsync(path);
        using var post = await client.PostAsync(path, JsonContent.Create(new { }));

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        get.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await get.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/not-found");
        problem.GetProperty("status").GetInt32().Should().Be(404);
        fixture.Host.Downstreams.Values.SelectMany(s => s.LogEntries)
            .Should().NotContain(e => e.RequestMessage.Path == path);
    }

    [Fact]
    public async Task Security_headers_are_on_proxied_and_error_responses()
    {
        var client = fixture.Host.CreateClient();

        using var proxied = await client.GetAsync("/api/licence-types");
        using var notFound = await client.GetAsync("/api/nowhere");

        foreach (var response in new[] { proxied, notFound })
        {
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
            // Plain HTTP here: HSTS would be meaningless and is left off.
            response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        }
    }

    [Fact]
    public async Task The_portals_pages_keep_their_own_policy_and_the_apis_answers_never_do()
    {
        var client = fixture.Host.CreateClient();

        using var page = await client.GetAsync("/companies/REG-1");
        using var api = await client.GetAsync("/api/companies/REG-1");

        page.Headers.GetValues("Content-Security-Policy").Should().Equal(GatewayHost.PortalPolicy);
        page.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        // The registry's stand-in sends a lax policy: the gateway's own replaces it.
        api.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; frame-ancestors 'none'");
    }
}

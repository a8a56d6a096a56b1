using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests;

/// <summary>
/// POST /dev/token exactly as docs/api-contract.md fixes it, and the provider's discovery document and keys,
/// all reached through the gateway as in a local run.
/// </summary>
public sealed class DevIssuerTests : IAsyncLifetime
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "g2b-dev-identity-" + Guid.NewGuid().ToString("N"));
    private DevIdentityHost _host = null!;

    public async Task InitializeAsync() => _host = await DevIdentityHost.StartAsync(_keys);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_from_POST_dev_token_is_accepted_by_the_gateway()
    {
        var client = _host.CreateClient();

        using var tokenResponse = await client.PostAsJsonAsync("/dev/token", new { subject = "user-1", role = "business" });

        tokenResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("expiresIn").GetInt32().Should().Be(3600);
        var token = body.GetProperty("accessToken").GetString()!;

        var who = await _host.WhoAmIAsync(token);
        who.GetProperty("subject").GetString().Should().Be("user-1");
        who.GetProperty("business").GetBoolean().Should().BeTrue();
        who.GetProperty("regulator").GetBoolean().Should().BeFalse();

        using var api = await _host.GetAsync("/api/companies", token);
        api.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_role_array_yields_every_role()
    {
        using var tokenResponse = await _host.CreateClient().PostAsJsonAsync(
            "/dev/token", new { subject = "inspector", role = new[] { "business", "regulator" } });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        var who = await _host.WhoAmIAsync(token);

        who.GetProperty("business").GetBoolean().Should().BeTrue();
        who.GetProperty("regulator").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("{bad json", null)]
    [InlineData("""{"subject":"u","role":"admin"}""", "role")]
    [InlineData("""{"subject":"u","role":["business","root"]}""", "role")]
    [InlineData("""{"subject":"u","role":42}""", "role")]
    [InlineData("""{"subject":"u","role":"\udc00"}""", "role")]
    [InlineData("""{"subject":"u","role":["business","\ud800"]}""", "role")]
    [InlineData("""{"subject":"","role":"business"}""", "subject")]
    [InlineData("""{"role":"business"}""", "subject")]
    public async Task Bad_token_requests_are_400_validation_problems(string json, string? field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _host.CreateClient().PostAsync("/dev/token", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/validation");
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.TryGetProperty("exception", out _).Should().BeFalse();
        if (field is not null)
        {
            problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Discovery_describes_the_code_flow_under_the_configured_issuer()
    {
        var discovery = await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/.well-known/openid-configuration");

        const string issuer = DevIdentityHost.Issuer;
        discovery.GetProperty("issuer").GetString().Should().Be(issuer);
        discovery.GetProperty("jwks_uri").GetString().Should().Be(issuer + "/jwks");
        discovery.GetProperty("authorization_endpoint").GetString().Should().Be(issuer + "/connect/authorize");
        discovery.GetProperty("token_endpoint").GetString().Should().Be(issuer + "/connect/token");
        discovery.GetProperty("end_session_endpoint").GetString().Should().Be(issuer + "/connect/logout");
        discovery.GetProperty("userinfo_endpoint").GetString().Should().Be(issuer + "/connect/userinfo");
        Strings(discovery, "response_types_supported").Should().Equal("code");
        Strings(discovery, "grant_types_supported").Should().BeEquivalentTo("authorization_code", "refresh_token");
        Strings(discovery, "code_challenge_methods_supported").Should().Equal("S256");
        Strings(discovery, "scopes_supported").Should().Contain(["openid", "profile", "roles", "offline_access", "g2b-api"]);
        Strings(discovery, "id_token_signing_alg_values_supported").Should().Equal("RS256");
        Strings(discovery, "token_endpoint_auth_methods_supported").Should().BeEquivalentTo("client_secret_basic", "client_secret_post");
    }

    [Fact]
    public async Task The_jwks_holds_the_public_signing_key_only()
    {
        var jwks = await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks");

        var key = jwks.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.GetProperty("alg").GetString().Should().Be("RS256");
        key.GetProperty("use").GetString().Should().Be("sig");
        key.TryGetProperty("d", out _).Should().BeFalse("the private exponent never leaves the provider");
    }

    [Fact]
    public async Task Dev_tokens_and_code_flow_tokens_share_issuer_audience_and_key()
    {
        var portal = new PortalClient(_host.CreateClient());
        var flow = new JsonWebToken((await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-business-1")))).AccessToken);
        using var response = await _host.CreateClient().PostAsJsonAsync("/dev/token", new { subject = "demo-business-1", role = "business" });
        var dev = new JsonWebToken((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);

        dev.Issuer.Should().Be(flow.Issuer);
        dev.Audiences.Should().Equal(flow.Audiences);
        dev.Kid.Should().Be(flow.Kid).And.Be(Kid(await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks")));
        dev.Alg.Should().Be(flow.Alg);
    }

    [Fact]
    public async Task Keys_are_persisted_so_tokens_and_refresh_tokens_survive_a_restart()
    {
        var before = Kid(await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks"));
        var portal = new PortalClient(_host.CreateClient());
        var tokens = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-regulator-1")));
        Directory.GetFiles(_keys).Select(Path.GetFileName).Should().BeEquivalentTo("signing-key.pem", "encryption-key.pem");

        await _host.DisposeAsync();
        _host = await DevIdentityHost.StartAsync(_keys);

        Kid(await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks")).Should().Be(before);
        (await _host.WhoAmIAsync(tokens.AccessToken)).GetProperty("subject").GetString().Should().Be("demo-regulator-1");
        var refreshed = await new PortalClient(_host.CreateClient()).TokensAsync(
            await new PortalClient(_host.CreateClient()).RefreshAsync(tokens.RefreshToken!));
        new JsonWebToken(refreshed.AccessToken).Subject.Should().Be("demo-regulator-1");
    }

    private static string Kid(JsonElement jwks) => jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!;

    private static IEnumerable<string> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(e => e.GetString()!);
}

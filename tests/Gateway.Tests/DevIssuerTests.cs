using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests;

/// <summary>The gateway hosting the development issuer and validating its own tokens, as in a local run.</summary>
public sealed class DevIssuerTests : IAsyncLifetime
{
    private const string Issuer = "http://localhost/dev";
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), "g2b-dev-issuer-" + Guid.NewGuid().ToString("N"), "key.pem");
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await StartSelfIssuingGatewayAsync(_keyPath, enabled: true);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        var directory = Path.GetDirectoryName(_keyPath)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
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

        var who = await WhoAmIAsync(token);
        who.GetProperty("subject").GetString().Should().Be("user-1");
        who.GetProperty("business").GetBoolean().Should().BeTrue();
        who.GetProperty("regulator").GetBoolean().Should().BeFalse();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/companies");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_role_array_yields_every_role()
    {
        using var tokenResponse = await _host.CreateClient().PostAsJsonAsync(
            "/dev/token", new { subject = "inspector", role = new[] { "business", "regulator" } });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        var who = await WhoAmIAsync(token);

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
    public async Task Discovery_and_jwks_describe_the_configured_issuer()
    {
        var client = _host.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/dev/.well-known/openid-configuration");
        var jwks = await client.GetFromJsonAsync<JsonElement>("/dev/jwks");

        discovery.GetProperty("issuer").GetString().Should().Be(Issuer);
        discovery.GetProperty("jwks_uri").GetString().Should().Be(Issuer + "/jwks");
        var key = jwks.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.GetProperty("alg").GetString().Should().Be("RS256");
        key.TryGetProperty("d", out _).Should().BeFalse("the private exponent never leaves the issuer");
    }

    [Fact]
    public async Task The_signing_key_is_persisted_and_reused_by_the_next_start()
    {
        var first = await _host.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks");
        File.Exists(_keyPath).Should().BeTrue();

        await using var restarted = await StartSelfIssuingGatewayAsync(_keyPath, enabled: true);
        var second = await restarted.CreateClient().GetFromJsonAsync<JsonElement>("/dev/jwks");

        Kid(second).Should().Be(Kid(first));
    }

    [Fact]
    public async Task The_issuer_is_absent_unless_enabled()
    {
        await using var host = await StartSelfIssuingGatewayAsync(null, enabled: false);

        using var response = await host.CreateClient().PostAsJsonAsync("/dev/token", new { subject = "u", role = "business" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static string Kid(JsonElement jwks) => jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!;

    private async Task<JsonElement> WhoAmIAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _host.CreateClient().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<GatewayHost> StartSelfIssuingGatewayAsync(string? keyPath, bool enabled)
    {
        var backchannel = new LateBoundHandler();
        var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Auth:Authority"] = Issuer,
                ["Auth:DevIssuer:Enabled"] = enabled ? "true" : "false",
                ["Auth:DevIssuer:Issuer"] = Issuer,
                ["Auth:DevIssuer:KeyPath"] = keyPath ?? string.Empty,
            },
            web => web.ConfigureTestServices(services =>
            {
                // Discovery and JWKS are fetched from the gateway itself, through the test server.
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                    o => o.BackchannelHttpHandler = backchannel);
                services.AddSingleton<IStartupFilter, WhoAmIStartupFilter>();
            }));
        backchannel.Bind(host.Factory.Server.CreateHandler());
        return host;
    }

    private sealed class LateBoundHandler : DelegatingHandler
    {
        public void Bind(HttpMessageHandler inner) => InnerHandler = inner;
    }

    /// <summary>Shows how the gateway's authentication sees a token (subject and roles).</summary>
    private sealed class WhoAmIStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/__whoami", whoami => whoami.Run(async context =>
            {
                var result = await context.AuthenticateAsync();
                if (!result.Succeeded)
                {
                    context.Response.StatusCode = 401;
                    return;
                }

                var user = result.Principal!;
                await context.Response.WriteAsJsonAsync(new
                {
                    subject = user.GetSubject(),
                    business = user.IsBusiness(),
                    regulator = user.IsRegulator(),
                });
            }));
            next(app);
        };
    }
}

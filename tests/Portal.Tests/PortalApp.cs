using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Portal.Tests;

/// <summary>
/// The portal in process, its gateway and identity provider played by one WireMock server that serves the
/// OpenID Connect discovery document (what the sign-in redirect needs) and whatever API answers a test sets up.
/// </summary>
public sealed class PortalApp : IAsyncDisposable
{
    public PortalApp()
    {
        Upstream = WireMockServer.Start();
        Upstream.Given(Request.Create().WithPath("/dev/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""
                {
                  "issuer": "{{Upstream.Url}}/dev",
                  "authorization_endpoint": "{{Upstream.Url}}/dev/connect/authorize",
                  "token_endpoint": "{{Upstream.Url}}/dev/connect/token",
                  "end_session_endpoint": "{{Upstream.Url}}/dev/connect/logout",
                  "jwks_uri": "{{Upstream.Url}}/dev/.well-known/jwks",
                  "response_types_supported": ["code"],
                  "code_challenge_methods_supported": ["S256"]
                }
                """));
        Upstream.Given(Request.Create().WithPath("/dev/.well-known/jwks").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"keys":[]}"""));
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:GatewayUrl"] = Upstream.Url,
                ["Auth:Authority"] = Upstream.Url + "/dev",
                ["Auth:RequireHttpsMetadata"] = "false",
                ["Portal:ClientSecret"] = "test-secret",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            }));
        });
    }

    public WireMockServer Upstream { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client(string? language = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Upstream.Stop();
        Upstream.Dispose();
    }
}

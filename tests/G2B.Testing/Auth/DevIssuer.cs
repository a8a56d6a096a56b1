using G2B.DevIdentity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G2B.Testing;

/// <summary>
/// The development identity provider (tools/G2B.DevIdentity) on a real Kestrel port, so apps under test fetch
/// its discovery document and JWKS over HTTP exactly as they would from any OpenID Connect provider.
/// </summary>
public sealed class DevIssuer : IAsyncDisposable
{
    public const string DefaultAudience = "g2b-api";

    private readonly WebApplication _app;
    private readonly DevTokenIssuer _tokens;

    private DevIssuer(WebApplication app, string authority, string audience)
    {
        _app = app;
        _tokens = app.Services.GetRequiredService<DevTokenIssuer>();
        Authority = authority;
        Audience = audience;
    }

    public string Authority { get; }

    public string Audience { get; }

    /// <summary>Settings that point an app under test at this issuer.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Authority"] = Authority,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };

    public static async Task<DevIssuer> StartAsync(string audience = DefaultAudience)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        // Port 0: the OS picks a free port, no race with other test processes.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Configuration["DevIdentity:Enabled"] = "true";
        builder.Configuration["DevIdentity:Audience"] = audience;
        builder.Services.AddProblemDetails();
        builder.Services.AddDevIdentity();
        // The issuer is this host's own address, known once Kestrel has bound; the options are first read after that.
        builder.Services.AddOptions<DevIdentityOptions>()
            .PostConfigure<IServer>((options, server) => options.Issuer ??= AddressOf(server) + DevIdentityPaths.Prefix);

        var app = builder.Build();
        app.MapDevIdentity();
        await app.StartAsync();

        return new DevIssuer(app, AddressOf(app.Services.GetRequiredService<IServer>()) + DevIdentityPaths.Prefix, audience);
    }

    public string CreateToken(string subject, params string[] roles) =>
        _tokens.CreateToken(Authority, subject, roles);

    /// <summary>A token with chosen lifetime, issuer or audience (for negative tests).</summary>
    public string CreateToken(DevTokenSpec spec) => _tokens.CreateToken(spec);

    /// <summary>A spec for a normal token, to change with <c>with { ... }</c>.</summary>
    public DevTokenSpec Spec(string subject, params string[] roles) =>
        new(Authority, Audience, subject, roles, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string AddressOf(IServer server) =>
        server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
}

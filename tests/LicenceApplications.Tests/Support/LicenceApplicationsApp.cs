using System.Net.Http.Headers;
using G2B.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WireMock.Server;

namespace LicenceApplications.Tests.Support;

/// <summary>
/// The service on a fresh PostgreSQL database per test class, real JWT validation against the
/// development issuer, WireMock as the company registry, a hand-moved clock, and the outbox
/// dispatcher off (tests read outbox_messages instead).
/// </summary>
public sealed class LicenceApplicationsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public DevIssuer Issuer { get; private set; } = null!;

    public WireMockServer Registry { get; } = WireMockServer.Start();

    public ManualTimeProvider Clock { get; } = new();

    public SaveHook SaveHook { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("applications");
        Issuer = await TestAuth.IssuerAsync();
        // Starting the host applies the migrations before the first test runs.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", ConnectionString);
        foreach (var (key, value) in Issuer.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Eventing:Outbox:DispatchEnabled", "false");
        builder.UseSetting("Eventing:ConsumerName", "licence-applications");
        builder.UseSetting("Services:CompanyRegistry:BaseUrl", Registry.Url);
        // Tests run the expiry pass themselves after moving the clock.
        builder.UseSetting("LicenceExpiry:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<LicenceApplications.Api.Data.LicenceApplicationsDbContext>(db => db.AddInterceptors(SaveHook));
        });
    }

    public HttpClient ClientFor(string subject, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", Issuer.CreateToken(subject, roles));
        return client;
    }

    public HttpClient Business(string subject) => ClientFor(subject, "business");

    public HttpClient Regulator() => ClientFor("regulator-1", "regulator");

    public new async Task DisposeAsync()
    {
        Registry.Stop();
        await base.DisposeAsync();
    }
}

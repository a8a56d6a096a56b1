using G2B.BankSignatures;
using G2B.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeePayments.Tests.Support;

/// <summary>
/// The fee payments service on a fresh PostgreSQL database, with the dev issuer's tokens, the outbox
/// dispatcher and the background jobs off (tests read the outbox and trigger jobs themselves).
/// </summary>
public sealed class FeePaymentsApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string Bank = "TESTBANK";
    public const string BankSecret = "test-bank-secret-1";
    public const string RotatingBank = "ROTBANK";
    public const string OldSecret = "rot-secret-old";
    public const string NewSecret = "rot-secret-new";

    public TestClock Clock { get; } = new();

    public static async Task<FeePaymentsApp> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var issuer = await TestAuth.IssuerAsync();
        var settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["ConnectionStrings:Database"] = await TestPostgres.CreateDatabaseAsync("payments"),
            ["Eventing:Outbox:DispatchEnabled"] = "false",
            ["Invoices:ExpiryEnabled"] = "false",
            ["Reconciliation:Enabled"] = "false",
            ["PaymentAudit:PruneEnabled"] = "false",
            [$"Banks:{Bank}:Secrets:0"] = BankSecret,
            [$"Banks:{RotatingBank}:Secrets:0"] = NewSecret,
            [$"Banks:{RotatingBank}:Secrets:1"] = OldSecret,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new FeePaymentsApp(settings);
        _ = app.Server; // starts the host and applies the migrations
        return app;
    }

    public async Task<HttpClient> ClientAsAsync(string subject, params string[] roles)
    {
        var issuer = await TestAuth.IssuerAsync();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.CreateToken(subject, roles));
        return client;
    }

    /// <summary>A client that signs like a bank would (path and query for GET, body bytes otherwise).</summary>
    public HttpClient BankClient(string code = Bank, string secret = BankSecret) =>
        CreateDefaultClient(new BankSigningHandler(code, () => secret, Clock));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: that would configure the demo bank.
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

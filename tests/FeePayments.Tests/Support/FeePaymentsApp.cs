using G2B.BankSignatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeePayments.Tests.Support;

/// <summary>
/// The fee payments service on a fresh PostgreSQL database, with the dev issuer's tokens, the outbox
/// dispatcher and the background jobs off (tests read the outbox and trigger jobs themselves).
/// Not Development: that would configure the demo bank.
/// </summary>
/// <param name="extra">Settings of the test, over the ones below.</param>
public sealed class FeePaymentsApp(IReadOnlyDictionary<string, string?>? extra = null) : ServiceApp<Program>("payments")
{
    public const string Bank = "TESTBANK";
    public const string BankSecret = "test-bank-secret-1";
    public const string RotatingBank = "ROTBANK";
    public const string OldSecret = "rot-secret-old";
    public const string NewSecret = "rot-secret-new";

    public TestClock Clock { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => new Dictionary<string, string?>
    {
        ["Invoices:ExpiryEnabled"] = "false",
        ["Reconciliation:Enabled"] = "false",
        ["PaymentAudit:PruneEnabled"] = "false",
        [$"Banks:{Bank}:Secrets:0"] = BankSecret,
        [$"Banks:{RotatingBank}:Secrets:0"] = NewSecret,
        [$"Banks:{RotatingBank}:Secrets:1"] = OldSecret,
    }.Concat(extra ?? new Dictionary<string, string?>());

    public static async Task<FeePaymentsApp> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var app = new FeePaymentsApp(extra);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>A client that signs like a bank would (path and query for GET, body bytes otherwise).</summary>
    public HttpClient BankClient(string code = Bank, string secret = BankSecret) =>
        CreateDefaultClient(new BankSigningHandler(code, () => secret, Clock));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}

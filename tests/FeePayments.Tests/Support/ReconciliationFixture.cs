using WireMock.Server;

namespace FeePayments.Tests.Support;

/// <summary>The app with one bank whose transactions API is played by WireMock.</summary>
public sealed class ReconciliationFixture : AppFixture
{
    public const string BankCode = "RECON";
    public const string Secret = "recon-secret";

    public WireMockServer Bank { get; } = WireMockServer.Start();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Banks:{BankCode}:Secrets:0"] = Secret,
        [$"Banks:{BankCode}:BaseUrl"] = Bank.Url,
        // Generous for a loaded CI machine, far below the slow bank's 60 s.
        ["Reconciliation:Http:AttemptTimeout:Timeout"] = "00:00:03",
        ["Reconciliation:Http:TotalRequestTimeout:Timeout"] = "00:00:08",
        ["Reconciliation:Http:Retry:MaxRetryAttempts"] = "1",
        ["Reconciliation:Http:Retry:Delay"] = "00:00:00.050",
        ["Reconciliation:Http:CircuitBreaker:SamplingDuration"] = "00:00:16",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Bank.Stop();
    }
}

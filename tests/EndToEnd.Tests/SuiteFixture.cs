using G2B.Runner.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EndToEnd.Tests;

/// <summary>
/// The real suite (PostgreSQL, Redis, a local sidecar per service, the three services, the gateway
/// and the demo bank) started once for all end-to-end tests by the runner ./run.sh uses, on free
/// ports so it can run beside a developer's ./run.sh. The solution must be built beforehand
/// (./test.sh does).
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public const string BankCode = "DEMOBANK";
    public const string BankSecret = "local-demo-bank-secret";

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"g2b-e2e-{Guid.NewGuid():N}");

    public SuiteHost Host { get; private set; } = null!;

    public SuiteApi Api { get; private set; } = null!;

    public BankApi Bank { get; private set; } = null!;

    public Uri Gateway => new(Host.Url("gateway"));

    public async Task InitializeAsync()
    {
        Host = await SuiteHost.StartAsync(new SuiteOptions
        {
            WorkDirectory = _work,
            UseFreePorts = true,
            // Many callers share one address in these tests; the limits themselves are tested on the gateway.
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["gateway"] = new Dictionary<string, string> { ["Gateway__RateLimit__Enabled"] = "false" },
                ["demo-bank"] = new Dictionary<string, string> { ["DemoBank__DataDirectory"] = Path.Combine(_work, "demo-bank") },
            },
            Output = (name, line) => Console.WriteLine($"{name,-26}| {line}"),
            Log = line => Console.WriteLine($"{"runner",-26}| {line}"),
        });
        Api = new SuiteApi(new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) });
        Bank = new BankApi(Gateway, BankCode, BankSecret);
    }

    public LicenceJourney Journey() => new(Api, Bank);

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a failed run are worth more than the disk space.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}

using G2B.Journey;
using G2B.Runner.Hosting;
using Xunit;

namespace G2B.Testing.Suite;

/// <summary>
/// The real suite (PostgreSQL, Redis, a local sidecar per service, the services, the gateway, the portal
/// and the demo bank) started once for all tests of a collection by the runner ./run.sh uses, on free
/// ports so it can run beside a developer's ./run.sh. The solution must be built beforehand
/// (./test.sh does). End-to-end and portal tests share it; a test project adds settings of its own
/// through <see cref="ServiceSettings"/>.
/// </summary>
public class SuiteFixture : IAsyncLifetime
{
    public const string BankCode = "DEMOBANK";
    public const string BankSecret = "local-demo-bank-secret";

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"g2b-e2e-{Guid.NewGuid():N}");

    public SuiteHost Host { get; private set; } = null!;

    public SuiteApi Api { get; private set; } = null!;

    public BankApi Bank { get; private set; } = null!;

    public Uri Gateway => new(Host.Url("gateway"));

    /// <summary>How long each process may take to become healthy: a shared machine starting a dozen processes at once can take minutes (seen: over 2 at a load of 50 and more).</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(5);

    /// <summary>Per service: settings added to (and overriding) tye.yaml's; placeholders allowed.</summary>
    protected virtual IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceSettings(string work) =>
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public virtual async Task InitializeAsync()
    {
        var settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // Many callers share one address in these tests; the limits themselves are tested on the gateway.
            ["gateway"] = new Dictionary<string, string> { ["Gateway__RateLimit__Enabled"] = "false" },
            ["demo-bank"] = new Dictionary<string, string> { ["DemoBank__DataDirectory"] = Path.Combine(_work, "demo-bank") },
        };
        foreach (var (service, extra) in ServiceSettings(_work))
        {
            var merged = new Dictionary<string, string>(settings.GetValueOrDefault(service) ?? new Dictionary<string, string>());
            foreach (var (key, value) in extra)
            {
                merged[key] = value;
            }

            settings[service] = merged;
        }

        Host = await SuiteHost.StartAsync(new SuiteOptions
        {
            WorkDirectory = _work,
            UseFreePorts = true,
            ServiceEnvironment = settings,
            HealthTimeout = StartTimeout,
            Output = (name, line) => Console.WriteLine($"{name,-26}| {line}"),
            Log = line => Console.WriteLine($"{"runner",-26}| {line}"),
        });
        Api = new SuiteApi(new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) });
        Bank = new BankApi(Gateway, BankCode, BankSecret);
    }

    public LicenceJourney Journey() => new(Api, Bank);

    public virtual async Task DisposeAsync()
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

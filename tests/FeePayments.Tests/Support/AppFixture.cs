namespace FeePayments.Tests.Support;

/// <summary>The fee payments app of one test class, and its <see cref="Support.Scenario"/>.</summary>
public class AppFixture : ServiceAppFixture<FeePaymentsApp>
{
    public AppFixture()
    {
    }

    protected AppFixture(params (string Key, string? Value)[] settings)
        : base(settings)
    {
    }

    public Scenario Scenario => field ??= new Scenario(App);

    protected override Task<FeePaymentsApp> StartAsync(IReadOnlyDictionary<string, string?> settings) => FeePaymentsApp.StartAsync(settings);
}

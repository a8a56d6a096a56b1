namespace FeePayments.Tests.Support;

/// <summary>One app and database per test class.</summary>
public class AppFixture : IAsyncLifetime
{
    public FeePaymentsApp App { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        App = await FeePaymentsApp.StartAsync(Settings);
        Scenario = new Scenario(App);
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

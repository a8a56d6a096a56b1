namespace FeePayments.Tests.Support;

/// <summary>One app and database per test class; a derived fixture names the settings its test class needs.</summary>
public class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;

    public AppFixture()
        : this([])
    {
    }

    /// <param name="settings">The keys this fixture's test class sets, over the app's own.</param>
    protected AppFixture(params (string Key, string? Value)[] settings) =>
        _settings = settings.ToDictionary(s => s.Key, s => s.Value);

    public FeePaymentsApp App { get; private set; } = null!;

    public Scenario Scenario { get; private set; } = null!;

    /// <summary>The settings given to the constructor, unless a fixture computes its own (a port, a URL).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => _settings;

    public virtual async Task InitializeAsync()
    {
        App = await FeePaymentsApp.StartAsync(Settings);
        Scenario = new Scenario(App);
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

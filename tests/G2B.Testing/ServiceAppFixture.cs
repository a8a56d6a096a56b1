using Xunit;

namespace G2B.Testing;

/// <summary>
/// One app under test and its database per test class. A derived fixture names the settings its test class
/// needs (constructor), or computes them (<see cref="Settings"/>) when they depend on something it starts.
/// </summary>
public abstract class ServiceAppFixture<TApp> : IAsyncLifetime
    where TApp : class, IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="settings">The keys this fixture's test class sets, over the app's own.</param>
    protected ServiceAppFixture(params (string Key, string? Value)[] settings) =>
        _settings = settings.ToDictionary(s => s.Key, s => s.Value);

    public TApp App { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => _settings;

    protected abstract Task<TApp> StartAsync(IReadOnlyDictionary<string, string?> settings);

    public virtual async Task InitializeAsync() => App = await StartAsync(Settings);

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

namespace G2B.Testing;

/// <summary>
/// An action a test arms and the code under test fires at most once, at a chosen moment (an interceptor
/// just before a write): the deterministic way to land a concurrent write inside another one.
/// </summary>
public sealed class OneShot
{
    private Func<Task>? _armed;

    public void Arm(Func<Task> action) => _armed = action;

    /// <summary>Runs the armed action, if any, and disarms it, even when several callers fire at once.</summary>
    public async Task FireAsync()
    {
        if (Interlocked.Exchange(ref _armed, null) is { } action)
        {
            await action();
        }
    }
}

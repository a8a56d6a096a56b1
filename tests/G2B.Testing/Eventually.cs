// The one deadline poll of the repository. G2B.Journey (a tool, not a test library) compiles this
// same file with EVENTUALLY_INTERNAL, so the journey polls as the tests do without a second copy.
namespace G2B.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps).</summary>
#if EVENTUALLY_INTERNAL
internal
#else
public
#endif
static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    // In-process conditions are cheap to ask often; HTTP probes back off so polling is not the load.
    private static readonly TimeSpan _quickPoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan _slowestPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> accepts its answer, and returns that answer.</summary>
    /// <exception cref="TimeoutException">At the deadline, naming <paramref name="what"/> and the last answer.</exception>
    public static Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken ct = default) =>
        PollAsync(probe, done, what, timeout, _slowestPoll, showLast: true, ct);

    public static Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        PollAsync(_ => condition(), held => held, because, timeout, _quickPoll, showLast: false, CancellationToken.None);

    public static Task HoldsAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), because, timeout);

    /// <summary>Waits until <paramref name="probe"/> finds something, and returns it.</summary>
    public static async Task<T> FoundAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
        where T : class =>
        (await PollAsync(_ => Task.FromResult(probe()), found => found is not null, what, timeout, _quickPoll, showLast: false, CancellationToken.None))!;

    private static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout, TimeSpan slowest, bool showLast,
        CancellationToken ct)
    {
        var patience = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + patience;
        var delay = TimeSpan.FromMilliseconds(Math.Min(20, slowest.TotalMilliseconds));
        while (true)
        {
            var last = await probe(ct);
            if (done(last))
            {
                return last;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                // The load tool groups failures by the text before ';': keep what varies after it.
                throw new TimeoutException(showLast
                    ? $"Timed out waiting for {what}; last seen: {last}"
                    : $"Not within {patience.TotalSeconds:0.#} s: {what}.");
            }

            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, slowest.TotalMilliseconds));
        }
    }
}

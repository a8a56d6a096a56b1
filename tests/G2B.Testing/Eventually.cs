namespace G2B.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(25);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), because, timeout);
}

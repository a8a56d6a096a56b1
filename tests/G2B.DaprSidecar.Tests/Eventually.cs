namespace G2B.DaprSidecar.Tests;

/// <summary>Polls a condition until a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<T?> probe, TimeSpan? within = null, string? what = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}.");
            }

            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<bool> probe, TimeSpan? within = null, string? what = null) =>
        GetAsync(() => probe() ? string.Empty : null, within, what);
}

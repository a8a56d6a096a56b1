namespace G2B.Runner.Tests;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails the test at the deadline instead of sleeping a fixed time.</summary>
    public static async Task TrueAsync(Func<bool> condition, string because, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {seconds} s: {because}");
            }

            await Task.Delay(50);
        }
    }
}

namespace G2B.LoadTest.Bank;

/// <summary>A fixed number of items, a fixed number at a time.</summary>
internal static class Workers
{
    public static Task RunAsync(int count, int concurrency, Func<int, Task> item)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await item(i);
            }
        }));
    }
}

using System.Collections.Concurrent;

namespace G2B.LoadTest;

/// <summary>Failed journeys by cause, safe to add to from every worker.</summary>
public sealed class FailureTally
{
    private readonly ConcurrentDictionary<string, int> _byCause = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Causes, most frequent first.</summary>
    public IReadOnlyList<(string Cause, int Count)> ByCause =>
        [.. _byCause.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)];

    public string Add(Exception e)
    {
        var cause = FailureCause.Of(e);
        _byCause.AddOrUpdate(cause, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        return cause;
    }
}

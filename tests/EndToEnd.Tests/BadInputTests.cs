namespace EndToEnd.Tests;

/// <summary>
/// What the bad-input tests share: a probe that sends hostile requests as they are (no client-side checks), and one way
/// to run a sweep of cases so that a failing run lists every case that got the wrong answer, not only the first.
/// </summary>
public abstract class BadInputTests(EndToEndSuite suite) : EndToEndTest(suite), IDisposable
{
    protected BadInputProbe Probe { get; } = new(suite);

    public void Dispose()
    {
        Probe.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Fails with every collected case listed, not only the first.</summary>
    internal static void AllPassed(IReadOnlyCollection<string> failures, string? context = null)
    {
        if (failures.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{failures.Count} hostile request(s) got the wrong answer{(context is null ? "" : $" ({context})")}:\n" +
                string.Join("\n", failures));
        }
    }

    /// <summary>Gathers every failing case of a sweep, so one run shows them all instead of the first.</summary>
    internal static void Collect(List<string> failures, string label, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e)
        {
            failures.Add($"{label}: {e.Message}");
        }
    }
}

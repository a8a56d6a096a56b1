namespace EndToEnd.Tests;

/// <summary>
/// What every end-to-end test shares: the one running suite of <see cref="SuiteCollection"/> (tests one at a time),
/// and the steps a caller takes through the gateway.
/// </summary>
[Collection(SuiteCollection.Name)]
public abstract class EndToEndTest(EndToEndSuite suite)
{
    protected EndToEndSuite Suite => suite;

    protected Scenario Scenario { get; } = new(suite);

    /// <summary>The lines a process of the suite has written so far (the runner's log of its output).</summary>
    protected List<string> LogLines(string process)
    {
        using var stream = new FileStream(
            Path.Combine(Suite.Host.LogDirectory, process + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}

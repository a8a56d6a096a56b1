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
}

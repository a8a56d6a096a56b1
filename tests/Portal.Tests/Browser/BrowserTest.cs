namespace Portal.Tests.Browser;

/// <summary>
/// What every browser test shares: the running suite and its browser (one for the whole collection, one test at a
/// time), and the steps through the API that put things in place before the person opens a page.
/// </summary>
[Collection(PortalCollection.Name)]
public abstract class BrowserTest(PortalSuite suite)
{
    protected PortalSuite Suite => suite;

    private protected SuiteArrange Arrange { get; } = new(suite);
}

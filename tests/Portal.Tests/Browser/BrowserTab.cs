using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Portal.Tests.Browser;

/// <summary>One person's browser: a page, its language and width, and what the page complained about (CSP).</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];

    public BrowserTab(IPage page, IBrowserContext context, string language, int width)
    {
        Page = page;
        Context = context;
        Language = language;
        Width = width;
        page.Console += (_, message) =>
        {
            // Only what the policy refused: a 404 page also logs its own status as an error.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _consoleErrors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public IBrowserContext Context { get; }

    public string Language { get; }

    public int Width { get; }

    /// <summary>What the Content-Security-Policy refused on the pages so far (an inline script or style would show here).</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    public string Word(string key, params object[] args) => Words.Get(Language, key, args);

    /// <summary>Signs in at the identity provider's page as someone typed in, and lands on the portal again.</summary>
    public async Task SignInAsync(string name, string role = "business", string returnUrl = "/dashboard")
    {
        await Page.GotoAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Page.Locator("#name").FillAsync(name);
        await Page.Locator($"#role-{role}").CheckAsync();
        await Page.Locator("form:has(#name) button[type=submit]").ClickAsync();
        // Landed once the portal's answer commits; the page's main region is what the tests go on with. Not the load
        // event: under load it was twice seen never to come within 90 s on a page with a live status (not diagnosed).
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl, new() { WaitUntil = WaitUntilState.Commit });
        await Page.Locator("main#main").WaitForAsync();
    }

    public async Task<string> H1Async() => (await Page.Locator("h1").First.InnerTextAsync()).Trim();

    /// <summary>axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 AA rules and best practice).</summary>
    public async Task ShouldBeAccessibleAsync(string what)
    {
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        bad.Should().BeEmpty($"{what} in {Language} at {Width} px must have no serious or critical axe violation");
        ConsoleErrors.Should().BeEmpty($"{what} must load without a console error (CSP)");
    }

    /// <summary>
    /// Full-page pictures for docs/portal/ at phone (360 px) and desktop (1280 px) width, when G2B_PORTAL_SCREENSHOTS
    /// names that folder (tools/portal-screenshots.sh); a page opened at 360 px is taken at that width only.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("G2B_PORTAL_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var width in Width == 360 ? [360] : new[] { 360, Width })
        {
            await Page.SetViewportSizeAsync(width, 900);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

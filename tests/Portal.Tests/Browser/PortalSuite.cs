namespace Portal.Tests.Browser;

/// <summary>
/// The whole suite (as ./run.sh runs it, on free ports) and Debian's Chromium driven by Playwright. People use
/// the portal through the gateway's address, exactly as in a local run; the identity provider is the real one.
/// </summary>
public sealed class PortalSuite : SuiteFixture
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the pages are, as a browser sees them: the gateway.</summary>
    public string BaseUrl => Gateway.ToString().TrimEnd('/');

    // Eleven processes and a browser on a shared machine: starting may take a while, never forever.
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(5);

    protected override IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceSettings(string work) =>
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // The status part of an application page follows the event stream; asking at intervals is only
            // the fallback. Ten minutes between asks: a status that changes on screen within a test's minute
            // can only have come through the stream.
            ["portal"] = new Dictionary<string, string>
            {
                ["Portal__LiveRefreshSeconds"] = "600",
                // Why a form was refused, in the portal's log of the run.
                ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore.Antiforgery"] = "Information",
                ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore.Mvc.ViewFeatures"] = "Information",
            },
        };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // The machine running the suite is shared and busy: a page may take seconds, never minutes.
        Assertions.SetDefaultExpectTimeout(60_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (no cookies) in a language, at a width: 1280 (desktop) or 360 (phone).</summary>
    public async Task<BrowserTab> OpenAsync(string language = "en", int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = language switch { "tk" => "tk-TM", "ru" => "ru-RU", _ => "en-GB" },
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        // Generous: a sign-in is three round trips and a token exchange, on a machine shared with other builds.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return new BrowserTab(await context.NewPageAsync(), context, language, width);
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalCollection : ICollectionFixture<PortalSuite>
{
    public const string Name = "portal";
}

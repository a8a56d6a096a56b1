using G2B.Testing;

namespace Portal.Tests.Browser;

/// <summary>
/// A business with the same application open in eight tabs of one browser. Over HTTP/1.1 (the suite's gateway here)
/// Chromium opens at most six connections to a host; with an event stream per tab the seventh tab never loaded. The
/// tabs share one stream: every tab loads, every tab follows the status without a reload, and when the tab holding the
/// stream is closed another takes it over.
/// </summary>
public sealed class LiveTabsTests(PortalSuite suite) : BrowserTest(suite)
{
    private const int Tabs = 8;

    [Fact]
    public async Task Eight_tabs_of_one_browser_all_load_and_follow_the_status_on_one_shared_stream()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Aýna Nurmyradowa", "Köpetdag Söwda");
        var application = await Suite.Api.ApplyAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", Guid.NewGuid().ToString());
        var id = application.ApplicationId;
        application = await Eventually.UntilAsync(
            c => Suite.Api.GetApplicationAsync(owner, id, c), a => a.PaymentReference is not null,
            "the invoice's payment reference", TimeSpan.FromSeconds(60));

        await using var tab = await Suite.OpenAsync("tk");
        await tab.SignInAsync(name, returnUrl: $"/applications/{id}");
        var pages = new List<IPage> { tab.Page };
        for (var i = 1; i < Tabs; i++)
        {
            var page = await tab.Context.NewPageAsync();
            // With a stream per tab this is where the seventh tab waited until the timeout.
            await page.GotoAsync($"/applications/{id}", new() { Timeout = 60_000 });
            pages.Add(page);
        }

        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_AwaitingPayment"));
            await page.EvaluateAsync("() => { window.__stillTheSamePage = true; }");
        }

        // One tab holds the stream (the first to take the lock), the others listen to it.
        (await HoldersAsync(pages)).Should().ContainSingle();

        // The bank pays: every tab turns "under review" by itself (the portal asks at intervals only every ten minutes
        // in these tests, so only the stream can have told them).
        (await Suite.Bank.PayAsync(application.PaymentReference!)).Answer.Status.Should().Be("accepted");
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_UnderReview"));
        }

        // The tab holding the stream is closed; another takes it over, and the regulator's question reaches the rest.
        var holder = (await HoldersAsync(pages)).Single();
        await holder.CloseAsync();
        pages.Remove(holder);
        await Eventually.UntilAsync(async _ => await HoldersAsync(pages), h => h.Count == 1, "another tab holding the stream", TimeSpan.FromSeconds(30));
        await Arrange.RegulatorPostsAsync($"/api/applications/{id}/information-requests", new { message = "Please send the lease of the premises." });
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_InformationRequested"));
            (await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).Should().BeTrue("the status changed without a reload");
        }

        // The first tab may be the one closed: the picture is of a tab still open.
        await new BrowserTab(pages[0], tab.Context, tab.Language, tab.Width).ScreenshotAsync("application-live-tabs");
    }

    private static async Task<List<IPage>> HoldersAsync(IEnumerable<IPage> pages)
    {
        var holders = new List<IPage>();
        foreach (var page in pages)
        {
            if (await page.EvaluateAsync<bool>("() => document.documentElement.dataset.liveHolder === 'true'"))
            {
                holders.Add(page);
            }
        }

        return holders;
    }
}

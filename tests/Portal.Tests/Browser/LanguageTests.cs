using System.Globalization;

namespace Portal.Tests.Browser;

/// <summary>The core pages in Turkmen and Russian (words, dates, money), at phone width, with axe on each.</summary>
public sealed class LanguageTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task In_Turkmen_a_business_registers_applies_once_per_form_sees_what_to_pay_and_cancels()
    {
        await using var tab = await Suite.OpenAsync("tk", 360);
        var page = tab.Page;
        await tab.SignInAsync($"Aýna Orazowa {Guid.NewGuid():N}"[..24]);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("tk");
        (await tab.H1Async()).Should().Be(tab.Word("Dashboard_Heading"));
        await tab.ShouldBeAccessibleAsync("the dashboard");
        await tab.ScreenshotAsync("dashboard-tk");

        await page.GotoAsync("/companies/register");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Register_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary-title")).ToHaveTextAsync(tab.Word("ErrorSummaryTitle"));
        await Assertions.Expect(page.Locator("#city-error")).ToContainTextAsync(tab.Word("Error_city"));
        await tab.ShouldBeAccessibleAsync("the refused registration form");
        await tab.ScreenshotAsync("register-errors-tk");
        var registrationNumber = await RegisterAsync(tab, "56.10");

        await page.GotoAsync($"/applications/new?company={registrationNumber}");
        var fee = 750m.ToString("N2", CultureInfo.GetCultureInfo("tk")) + "\u00a0TMT";
        await Assertions.Expect(page.Locator("[data-fee='FOOD-SERVICE']")).ToHaveTextAsync(fee);
        await Assertions.Expect(page.Locator("input[name=LicenceType][value='RETAIL-TRADE']")).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the application form");

        // The same form sent twice (no script to stop the second): one application, the same page both times.
        var form = page.Locator("form[method=post][action='/applications/new']");
        var fields = page.APIRequest.CreateFormData()
            .Set("company", registrationNumber)
            .Set("LicenceType", "FOOD-SERVICE")
            .Set("IdempotencyKey", await form.Locator("input[name=IdempotencyKey]").InputValueAsync())
            .Set("__af", await form.Locator("input[name=__af]").InputValueAsync());
        var first = await page.APIRequest.PostAsync("/applications/new", new() { Form = fields, MaxRedirects = 0 });
        var second = await page.APIRequest.PostAsync("/applications/new", new() { Form = fields, MaxRedirects = 0 });
        first.Status.Should().Be(302);
        second.Headers["location"].Should().Be(first.Headers["location"]).And.StartWith("/applications/");

        await page.GotoAsync(first.Headers["location"]);
        await Assertions.Expect(page.Locator("section.payment")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-payment-amount]")).ToHaveTextAsync(fee);
        await Assertions.Expect(page.Locator("#payment-heading")).ToHaveTextAsync(tab.Word("Payment_Heading"));
        await tab.ShouldBeAccessibleAsync("the application awaiting payment");
        await tab.ScreenshotAsync("application-awaiting-payment-tk");

        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Application_Cancel") }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Cancel_Heading"));
        await tab.ShouldBeAccessibleAsync("the cancel confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Cancel_Confirm") }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_Cancelled"));
        await Assertions.Expect(page.Locator("section.payment")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task In_Russian_a_business_dissolves_a_company_after_confirming_and_can_switch_to_English()
    {
        await using var tab = await Suite.OpenAsync("ru", 360);
        var page = tab.Page;
        await tab.SignInAsync($"Ирина Петрова {Guid.NewGuid():N}"[..24]);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("ru");
        await tab.ShouldBeAccessibleAsync("the dashboard");
        var registrationNumber = await RegisterAsync(tab, "47.73");
        await tab.ShouldBeAccessibleAsync("the company page");
        await tab.ScreenshotAsync("company-ru");
        // The portal writes dates in its zone (Portal:TimeZone, Ashgabat by default, UTC+5): from 19:00 UTC it is already tomorrow there.
        var registered = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(new Portal.PortalOptions().TimeZone))
            .ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("ru"));
        await Assertions.Expect(page.Locator("dl.summary")).ToContainTextAsync(registered);

        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Dissolve") }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Dissolve_Heading"));
        await tab.ShouldBeAccessibleAsync("the dissolve confirmation");
        await page.Locator("#reason").FillAsync("Бизнес закрыт");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Dissolve_Confirm") }).ClickAsync();
        await Assertions.Expect(page.Locator("dl.summary .tag")).ToHaveTextAsync(tab.Word("Status_Dissolved"));

        var missing = await page.GotoAsync("/companies/NO-SUCH-COMPANY");
        missing!.Status.Should().Be(404);
        (await tab.H1Async()).Should().Be(tab.Word("Error_404_Title"));
        await tab.ShouldBeAccessibleAsync("the not-found page");

        // The language switch wins over the browser's Russian from now on.
        await page.GotoAsync($"/companies/{registrationNumber}");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        new Uri(page.Url).AbsolutePath.Should().Be($"/companies/{registrationNumber}");
        await page.GotoAsync("/dashboard");
        (await tab.H1Async()).Should().Be(Words.Get("en", "Dashboard_Heading"));
    }

    /// <summary>Registers a company with one activity through the form (the search's button, no typing races).</summary>
    private static async Task<string> RegisterAsync(BrowserTab tab, string activity)
    {
        var page = tab.Page;
        await page.GotoAsync("/companies/register");
        await page.Locator("#legalName").FillAsync($"Portal {tab.Language} {Random.Shared.Next(100000, 999999)}");
        await page.Locator("#legalForm").CheckAsync();
        await page.Locator("#taxId").FillAsync($"{Random.Shared.Next(100000, 999999)}{Random.Shared.Next(100000, 999999)}");
        await page.Locator("#line1").FillAsync("2 Bitarap Türkmenistan Avenue");
        await page.Locator("#city").FillAsync("Ashgabat");
        await page.Locator("#activitySearch").FillAsync(activity);
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search") }).ClickAsync();
        await page.Locator($"#activity-{activity.Replace(".", "\\.")}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Register_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator(".panel--confirmation")).ToContainTextAsync(tab.Word("Register_Done"));
        return (await page.Locator("[data-registration-number]").InnerTextAsync()).Trim();
    }
}

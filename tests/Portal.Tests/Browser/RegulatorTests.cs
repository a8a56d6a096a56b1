using System.Net;
using G2B.Journey;

namespace Portal.Tests.Browser;

/// <summary>
/// A regulator in a browser: finds a company by a misspelt name, decides its application that needs review, suspends
/// the company and sees its licence suspended, then revokes the licence. Turkmen and Russian pages, axe on every page,
/// and a business refused at the regulator pages.
/// </summary>
public sealed class RegulatorTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_regulator_finds_a_misspelt_company_approves_its_review_suspends_it_and_revokes_its_licence()
    {
        var (company, applicationId) = await CompanyAwaitingReviewAsync();

        await using var tab = await Suite.OpenAsync("en");
        var page = tab.Page;
        await tab.SignInAsync($"Merdan Regulator {Guid.NewGuid():N}"[..26], "regulator", "/regulator/companies");
        (await tab.H1Async()).Should().Be(tab.Word("Registry_Heading"));
        await tab.ShouldBeAccessibleAsync("the registry search");

        // "Berkararr" for "Berkarar": the registry's fuzzy name search still finds it.
        var misspelt = company.LegalName.Replace("Berkarar", "Berkararr", StringComparison.Ordinal);
        await page.Locator("#q").FillAsync(misspelt);
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search"), Exact = true }).ClickAsync();
        var row = page.Locator("[data-results] tbody tr", new() { HasText = company.RegistrationNumber });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await tab.ShouldBeAccessibleAsync("the search results");
        await tab.ScreenshotAsync("regulator-search");
        await row.GetByRole(AriaRole.Link, new() { Name = company.LegalName }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-registration-number]")).ToHaveTextAsync(company.RegistrationNumber);
        await Assertions.Expect(page.Locator("[data-history] tbody tr").First).ToContainTextAsync(tab.Word("History_Registered"));

        // The review queue lists the application; the decision page approves it with a reason.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Nav_Reviews"), Exact = true }).ClickAsync();
        var queued = page.Locator($"[data-application='{applicationId}']");
        await Assertions.Expect(queued).ToHaveCountAsync(1);
        await tab.ShouldBeAccessibleAsync("the review queue");
        await tab.ScreenshotAsync("regulator-reviews");
        await queued.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-application-status]")).ToHaveTextAsync(tab.Word("Status_UnderReview"));
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-error")).ToContainTextAsync(tab.Word("Decide_Error_decision"));
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync(tab.Word("Decide_Error_reason"));
        await tab.ShouldBeAccessibleAsync("the refused decision");
        await page.GetByLabel(tab.Word("Decide_Approve")).CheckAsync();
        await page.Locator("#reason").FillAsync("Premises inspected: meets the alcohol retail rules.");
        await tab.ScreenshotAsync("regulator-decide");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToHaveTextAsync(tab.Word("Decide_Done"));
        await ReloadUntilAsync(page, "[data-application-status]", tab.Word("Status_Issued"));
        await tab.ShouldBeAccessibleAsync("the decided application");

        // The licence reaches the company in the registry; the regulator suspends the company with a reason.
        var companyUrl = $"/regulator/companies/{company.RegistrationNumber}";
        await page.GotoAsync(companyUrl);
        await ReloadUntilAsync(page, "[data-licences] tbody tr", tab.Word("Status_Active"));
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Regulator_Action_suspend"), Exact = true }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Regulator_Heading_companies_suspend"));
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Regulator_Action_suspend") }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync(tab.Word("Regulator_Error_reason"));
        await tab.ShouldBeAccessibleAsync("the suspension without a reason");
        await page.Locator("#reason").FillAsync("Tax arrears reported by the tax office.");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Regulator_Action_suspend") }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=suspend"));
        await Assertions.Expect(page.Locator("[data-company-status]")).ToHaveTextAsync(tab.Word("Status_Suspended"));
        await Assertions.Expect(page.Locator("[data-licences] tbody tr .tag")).ToHaveTextAsync(tab.Word("Status_Suspended"));
        // The suspension's own row, with its reason. The licence's status change, heard from licence applications a
        // moment later, adds a row of its own that may also say Suspended, so the row is found by both.
        var suspension = page.Locator("[data-history] tbody tr", new() { HasText = tab.Word("History_Suspended") })
            .Filter(new() { HasText = "Tax arrears reported by the tax office." });
        await Assertions.Expect(suspension).ToHaveCountAsync(1);
        await tab.ShouldBeAccessibleAsync("the suspended company with its history");
        await tab.ScreenshotAsync("regulator-company");

        // The licence's own page turns Suspended once licence applications hears of it; then it is revoked.
        await page.Locator("[data-licences] tbody tr a").ClickAsync();
        await ReloadUntilAsync(page, "[data-licence-status]", tab.Word("Status_Suspended"));
        await tab.ShouldBeAccessibleAsync("the regulator's licence page");
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Regulator_Action_revoke"), Exact = true }).ClickAsync();
        await tab.ShouldBeAccessibleAsync("the revoke confirmation");
        await tab.ScreenshotAsync("regulator-revoke");
        await page.Locator("#reason").FillAsync("Repeated breaches of the licence conditions.");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Regulator_Action_revoke") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToHaveTextAsync(tab.Word("Regulator_Done_revoke"));
        await Assertions.Expect(page.Locator("[data-licence-status]")).ToHaveTextAsync(tab.Word("Status_Revoked"));
        await tab.ScreenshotAsync("regulator-licence");

        // Payment exceptions: the page answers (empty or not) and reads well.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Nav_PaymentExceptions"), Exact = true }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("PaymentExceptions_Heading"));
        await tab.ShouldBeAccessibleAsync("the payment exceptions");
        await tab.ScreenshotAsync("regulator-payment-exceptions");
    }

    [Fact]
    public async Task Regulator_pages_in_Turkmen_and_Russian_at_phone_width_and_a_business_is_refused_them()
    {
        var (company, _) = await CompanyAwaitingReviewAsync();

        await using (var tab = await Suite.OpenAsync("tk", 360))
        {
            var page = tab.Page;
            await tab.SignInAsync($"Aýgül Regulator {Guid.NewGuid():N}"[..26], "regulator", "/regulator/companies");
            (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("tk");
            await page.Locator("#q").FillAsync(company.RegistrationNumber);
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search"), Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-results] tbody tr")).ToHaveCountAsync(1);
            await tab.ShouldBeAccessibleAsync("the search results");
            await tab.ScreenshotAsync("regulator-search-tk");
            await page.Locator("[data-results] tbody tr a").ClickAsync();
            await Assertions.Expect(page.Locator("[data-company-status]")).ToHaveTextAsync(tab.Word("Status_Active"));
            await tab.ShouldBeAccessibleAsync("the company page");
            await tab.ScreenshotAsync("regulator-company-tk");
            await page.GotoAsync("/regulator/reviews");
            (await tab.H1Async()).Should().Be(tab.Word("Queue_Heading"));
            await tab.ShouldBeAccessibleAsync("the review queue");
        }

        await using (var tab = await Suite.OpenAsync("ru", 360))
        {
            var page = tab.Page;
            await tab.SignInAsync($"Ирина Регулятор {Guid.NewGuid():N}"[..26], "regulator", "/regulator/reviews");
            (await tab.H1Async()).Should().Be(tab.Word("Queue_Heading"));
            await Assertions.Expect(page.Locator("[data-queue]")).ToContainTextAsync(company.RegistrationNumber);
            await tab.ShouldBeAccessibleAsync("the review queue");
            await tab.ScreenshotAsync("regulator-reviews-ru");
            await page.Locator("[data-queue] tbody tr", new() { HasText = company.RegistrationNumber }).GetByRole(AriaRole.Link).First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-application-status]")).ToHaveTextAsync(tab.Word("Status_UnderReview"));
            await tab.ShouldBeAccessibleAsync("the decision page");
            await tab.ScreenshotAsync("regulator-decide-ru");
            await page.GotoAsync("/licence-types");
            await Assertions.Expect(page.Locator("[data-type='ALCOHOL-RETAIL']")).ToContainTextAsync(tab.Word("Catalogue_ReviewYes"));
            await tab.ShouldBeAccessibleAsync("the licence-type catalogue");
            await tab.ScreenshotAsync("catalogue-ru");
        }

        await using (var business = await Suite.OpenAsync("en"))
        {
            await business.SignInAsync($"Plain Business {Guid.NewGuid():N}"[..24]);
            foreach (var path in new[]
            {
                "/regulator/companies", $"/regulator/companies/{company.RegistrationNumber}",
                $"/regulator/companies/{company.RegistrationNumber}/suspend", "/regulator/reviews", "/regulator/licences", "/regulator/payments/exceptions",
            })
            {
                var response = await business.Page.GotoAsync(path);
                response!.Status.Should().Be((int)HttpStatusCode.Forbidden, path);
                (await business.H1Async()).Should().Be(business.Word("Error_403_Title"), path);
            }

            await business.ShouldBeAccessibleAsync("the forbidden page");
            await business.ScreenshotAsync("regulator-forbidden");
            // A form posted anyway changes nothing.
            var posted = await business.Page.APIRequest.PostAsync($"/regulator/companies/{company.RegistrationNumber}/suspend",
                new() { Form = business.Page.APIRequest.CreateFormData().Set("Reason", "not mine") });
            posted.Status.Should().BeOneOf(400, 403);
        }

        var regulator = await Suite.Api.TokenAsync("portal-tests-regulator", "regulator");
        (await Suite.Api.GetCompanyAsync(regulator, company.RegistrationNumber)).Status.Should().Be("Active");
    }

    /// <summary>Through the API: a business's company (a name to misspell), a paid application for a type that needs review.</summary>
    private async Task<(Company Company, Guid ApplicationId)> CompanyAwaitingReviewAsync()
    {
        var owner = await Arrange.TokenAsync($"business-{Guid.NewGuid():N}"[..21]);
        var company = await Arrange.CompanyAsync(owner);
        var application = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        await Suite.Api.UploadRequiredDocumentsAsync(owner, application.ApplicationId, "ALCOHOL-RETAIL");
        return (company, application.ApplicationId);
    }

    /// <summary>Reloads the page until the element shows the text: what another service does arrives by events.</summary>
    internal static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        // Each look waits up to a second on the loaded page (Playwright polls it), then the page is loaded again.
        var shows = page.Locator(selector).Filter(new() { HasText = text });
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            try
            {
                await shows.First.WaitForAsync(new() { Timeout = 1000 });
                break;
            }
            catch (TimeoutException)
            {
                await page.ReloadAsync();
            }
        }

        await Assertions.Expect(page.Locator(selector).First).ToContainTextAsync(text);
    }
}

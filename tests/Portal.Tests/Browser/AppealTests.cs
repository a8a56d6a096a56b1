namespace Portal.Tests.Browser;

/// <summary>
/// An appeal, on a phone: the business reads why its application was rejected, appeals within the period with its
/// grounds; the regulator who rejected it is told in words that another decides; a second regulator upholds it.
/// </summary>
public sealed class AppealTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_rejected_business_appeals_and_a_second_regulator_upholds_it_on_the_same_decision_page()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Jeren Amanova", "Nusaý Söwda");
        var application = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        var id = application.ApplicationId;
        await Suite.Api.UploadRequiredDocumentsAsync(owner, id, "ALCOHOL-RETAIL");
        var first = SuiteArrange.Person("Merdan Orazov");
        const string reason = "The floor plan does not show the storage room.";
        await Arrange.RegulatorPostsAsync($"/api/applications/{id}/decision", new { approve = false, reason }, SuiteArrange.SubjectOf(first));
        await Arrange.StatusAsync(owner, id, "Rejected");

        await using (var tab = await Suite.OpenAsync("en", 360))
        {
            var page = tab.Page;
            await tab.SignInAsync(name, returnUrl: $"/applications/{id}");
            await Assertions.Expect(page.Locator("[data-timeline]")).ToContainTextAsync(reason);
            await Assertions.Expect(page.Locator("[data-appeal-open]")).ToBeVisibleAsync();
            await tab.ShouldBeAccessibleAsync("the rejected application");
            await tab.ScreenshotAsync("application-rejected");
            await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Appeal_Start"), Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-rejection-reason]")).ToHaveTextAsync(reason);
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Appeal_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator("#grounds-error")).ToContainTextAsync(tab.Word("Appeal_Error_grounds"));
            await tab.ShouldBeAccessibleAsync("the appeal without grounds");
            await tab.ScreenshotAsync("appeal");
            await page.Locator("#grounds").FillAsync("The storage room is on the second page of the floor plan.");
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Appeal_Submit") }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/applications/{id}");
            await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_UnderAppeal"));
            await Assertions.Expect(page.Locator("[data-appeal-open]")).ToHaveCountAsync(0);
        }

        // The regulator who rejected it finds it among the appeals, and is told another regulator decides.
        await using (var tab = await Suite.OpenAsync("en"))
        {
            var page = tab.Page;
            await tab.SignInAsync(first, "regulator", "/regulator/reviews");
            var listed = page.Locator($"[data-list='appeals'] tr[data-application='{id}']");
            await Assertions.Expect(listed).ToHaveCountAsync(1);
            await listed.GetByRole(AriaRole.Link).First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-appeal] blockquote")).ToHaveTextAsync("The storage room is on the second page of the floor plan.");
            await page.GetByLabel(tab.Word("Decide_Uphold")).CheckAsync();
            await page.Locator("#reason").FillAsync("Looks fine now.");
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync(tab.Word("Decide_Error_SameRegulator"));
            await Assertions.Expect(page.Locator("[data-application-status]")).ToHaveTextAsync(tab.Word("Status_UnderAppeal"));
            await tab.ShouldBeAccessibleAsync("the appeal refused to the first regulator");
        }

        // A second regulator upholds it: the licence is issued.
        await using (var tab = await Suite.OpenAsync("en"))
        {
            var page = tab.Page;
            await tab.SignInAsync(SuiteArrange.Person("Gulnara Saparova"), "regulator", $"/regulator/applications/{id}");
            await Assertions.Expect(page.Locator("#decision-heading")).ToHaveTextAsync(tab.Word("Decide_AppealHeading"));
            await Assertions.Expect(page.Locator("#decision-request")).ToHaveCountAsync(0);
            await page.GetByLabel(tab.Word("Decide_Uphold")).CheckAsync();
            await page.Locator("#reason").FillAsync("The storage room is shown on page two.");
            await tab.ShouldBeAccessibleAsync("the appeal to decide");
            await tab.ScreenshotAsync("regulator-appeal");
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Decide_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-done]")).ToHaveTextAsync(tab.Word("Decide_Done"));
            await Assertions.Expect(page.Locator("[data-application-status]")).ToHaveTextAsync(tab.Word("Status_Issued"));
        }

        (await Suite.Api.GetApplicationAsync(owner, id)).Status.Should().Be("Issued");
    }
}

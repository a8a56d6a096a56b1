namespace Portal.Tests.Browser;

/// <summary>
/// Withdrawing an application under review: the business is told the fee stays paid, confirms, and sees it Withdrawn;
/// when the regulator decided in the meantime, the page says so in words instead of withdrawing.
/// </summary>
public sealed class WithdrawalTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_business_withdraws_an_application_under_review_after_confirming()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Ogulnabat Hojaýewa", "Ak Ýol Söwda");
        var application = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        var id = application.ApplicationId;

        await using var tab = await Suite.OpenAsync("ru", 360);
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/applications/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Application_Withdraw") }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Withdraw_Heading"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(tab.Word("Withdraw_Body"));
        await tab.ShouldBeAccessibleAsync("the withdraw confirmation");
        await tab.ScreenshotAsync("application-withdraw-ru");

        // "No" goes back and changes nothing.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Withdraw_Keep") }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_UnderReview"));
        (await Suite.Api.GetApplicationAsync(owner, id)).Status.Should().Be("UnderReview");

        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Application_Withdraw") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Withdraw_Confirm") }).ClickAsync();
        // As in SignInAsync: the answer's navigation committed, then the page's content (not its load event).
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/applications/{id}", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_Withdrawn"));
        await Assertions.Expect(page.Locator("[data-withdraw]")).ToHaveCountAsync(0);
        (await Suite.Api.GetApplicationAsync(owner, id)).Status.Should().Be("Withdrawn");

        // Asked again (an old tab), the page says it can no longer be withdrawn and offers no button.
        await page.GotoAsync($"/applications/{id}/withdraw");
        await Assertions.Expect(page.Locator(".inset")).ToContainTextAsync(tab.Word("Withdraw_NotPossible"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Withdraw_Confirm") })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_withdrawal_after_the_regulator_decided_is_refused_in_words_and_changes_nothing()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Kerim Annaýew", "Gök Depe Söwda");
        var application = await Arrange.PaidApplicationAsync(owner, company.RegistrationNumber, "ALCOHOL-RETAIL", "UnderReview");
        var id = application.ApplicationId;

        await using var tab = await Suite.OpenAsync("en");
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/applications/{id}/withdraw");
        (await tab.H1Async()).Should().Be(tab.Word("Withdraw_Heading"));

        // The regulator rejects it while the confirmation is open.
        await Arrange.RegulatorPostsAsync($"/api/applications/{id}/decision", new { approve = false, reason = "The premises are not registered." });
        await Arrange.StatusAsync(owner, id, "Rejected");

        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Withdraw_Confirm") }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".inset")).ToContainTextAsync(tab.Word("Status_Rejected"));
        await tab.ShouldBeAccessibleAsync("the refused withdrawal");
        await tab.ScreenshotAsync("application-withdraw-refused");
        (await Suite.Api.GetApplicationAsync(owner, id)).Status.Should().Be("Rejected");
    }
}

namespace Portal.Tests.Browser;

/// <summary>
/// Where a company's notice mails go, on a phone in Turkmen: the page cannot show the private address, so it offers to
/// keep, replace or remove it and to change the language; refusals come back in words next to the field.
/// </summary>
public sealed class NoticeTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_business_sends_notices_to_a_new_address_in_Russian_then_stops_them()
    {
        var (name, _, company) = await Arrange.BusinessWithCompanyAsync("Aýna Gurbanowa", "Ýyldyz Hyzmat");
        var number = company.RegistrationNumber;

        await using var tab = await Suite.OpenAsync("tk", 360);
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/companies/{number}");
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Notices") }).ClickAsync();
        (await tab.H1Async()).Should().Be(tab.Word("Notices_Heading"));
        await Assertions.Expect(page.GetByLabel(tab.Word("Notices_Keep"))).ToBeCheckedAsync();
        await tab.ShouldBeAccessibleAsync("the notices page");

        // A new address asked for but not given: refused in words, nothing sent.
        await page.GetByLabel(tab.Word("Notices_New")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Notices_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#newEmail-error")).ToContainTextAsync(tab.Word("Notices_Error_newEmail"));
        await Assertions.Expect(page.GetByLabel(tab.Word("Notices_New"))).ToBeCheckedAsync();

        // One the API refuses: its field error, in Turkmen, next to the field; the address typed stays.
        await page.Locator("#newEmail").FillAsync("Desk <desk@yyldyz.tm>");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Notices_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("#newEmail-error")).ToContainTextAsync(tab.Word("Error_newEmail"));
        await Assertions.Expect(page.Locator("#newEmail")).ToHaveValueAsync("Desk <desk@yyldyz.tm>");
        await tab.ShouldBeAccessibleAsync("the notices page with an error");
        await tab.ScreenshotAsync("notices-error-tk");
        (await Arrange.NoticeContactAsync(number)).Should().Be(((string?)null, "en"));

        await page.Locator("#newEmail").FillAsync(" desk@yyldyz.tm ");
        await page.Locator("#preferredLanguage").SelectOptionAsync("ru");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Notices_Submit") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/companies/{number}");
        await Assertions.Expect(page.Locator("[data-changed]")).ToHaveTextAsync(tab.Word("Notices_Done"));
        (await Arrange.NoticeContactAsync(number)).Should().Be(("desk@yyldyz.tm", "ru"));

        // Keeping both changes nothing and sends nothing.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Notices") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Notices_Submit") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/companies/{number}" && new Uri(url).Query == "");
        (await Arrange.NoticeContactAsync(number)).Should().Be(("desk@yyldyz.tm", "ru"));

        // Stopping the mails removes the address and keeps the language.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Notices") }).ClickAsync();
        await page.GetByLabel(tab.Word("Notices_None")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Notices_Submit") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-changed]")).ToHaveTextAsync(tab.Word("Notices_Done"));
        (await Arrange.NoticeContactAsync(number)).Should().Be(((string?)null, "ru"));
    }
}

using Portal.Localisation;

namespace Portal.Tests.Browser;

/// <summary>
/// A licence's life after issue, in Turkmen: no Renew until its renewal window, then a renewal (one for a double click)
/// paid at the bank like any application, the licence running on under the same number; then surrendered for good.
/// </summary>
public sealed class LicenceLifeTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_business_renews_its_licence_in_the_window_pays_at_its_bank_and_then_surrenders_it()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Begench Hojayev", "Täze Ýol");
        var licence = await Arrange.IssuedLicenceAsync(owner, company.RegistrationNumber);

        await using var tab = await Suite.OpenAsync("tk");
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/licences/{licence}");
        var renew = page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Licence_Renew"), Exact = true });
        await Assertions.Expect(page.Locator("[data-licence-number]")).ToHaveTextAsync(licence);
        await Assertions.Expect(renew).ToHaveCountAsync(0);
        await page.GotoAsync($"/licences/{licence}/renew");
        await Assertions.Expect(page.Locator("[data-renewal-closed]")).ToHaveTextAsync(tab.Word("Renew_NotOpen"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Renew_Submit") })).ToHaveCountAsync(0);

        // Twenty days before its end the licence is in its renewal window (the catalogue's 60 days for retail trade).
        var ends = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        await Arrange.EndLicenceOnAsync(licence, ends);
        await page.GotoAsync($"/licences/{licence}");
        await Assertions.Expect(page.Locator("[data-renewal-open]")).ToBeVisibleAsync();
        await tab.ShouldBeAccessibleAsync("the licence in its renewal window");
        await tab.ScreenshotAsync("licence-renewable-tk");
        await renew.ClickAsync();
        await Assertions.Expect(page.Locator("[data-renewed-until] time")).ToHaveAttributeAsync("datetime", Formats.Iso(ends.AddMonths(12)));
        await Assertions.Expect(page.Locator("[data-renewal-fee]")).ToHaveTextAsync("500,00\u00a0TMT");
        await tab.ShouldBeAccessibleAsync("the renewal page");
        await tab.ScreenshotAsync("renew-tk");

        // A double click renews once; the renewal is an application with its payment instructions.
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Renew_Submit") }).DblClickAsync();
        await page.WaitForURLAsync(url => Guid.TryParse(new Uri(url).AbsolutePath.Split('/').Last(), out _));
        (await Arrange.ApplicationsAsync(owner, company.RegistrationNumber))
            .Count(a => a.GetProperty("renewalOf").GetString() == licence).Should().Be(1, "a double click renews once");
        await Assertions.Expect(page.Locator("#application-status a", new() { HasText = licence })).ToHaveCountAsync(1);
        var payment = page.Locator("section.payment");
        await Assertions.Expect(payment).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var reference = (await page.Locator("[data-payment-reference]").InnerTextAsync()).Trim();
        (await QrImage.DecodeAsync(page.Locator("img[data-payment-qr]"))).Split('\n')[0].Should().Be(reference);
        await tab.ShouldBeAccessibleAsync("the renewal awaiting payment");
        await tab.ScreenshotAsync("renewal-awaiting-payment-tk");
        var renewalUrl = page.Url;

        // The licence page now points at the renewal under way instead of offering another.
        await page.GotoAsync($"/licences/{licence}");
        await Assertions.Expect(page.Locator("[data-open-renewal] a")).ToHaveAttributeAsync("href", new Uri(renewalUrl).AbsolutePath);
        await Assertions.Expect(renew).ToHaveCountAsync(0);

        // The bank pays: the renewal is issued and the same licence runs a year longer.
        await page.GotoAsync(renewalUrl);
        (await Suite.Bank.PayAsync(reference)).Answer.Status.Should().Be("accepted");
        await Assertions.Expect(page.Locator("#application-status .status-line")).ToContainTextAsync(tab.Word("Status_Issued"), new() { Timeout = 60_000 });
        await page.GotoAsync($"/licences/{licence}");
        await RegulatorTests.ReloadUntilAsync(page, "[data-licence-history]", tab.Word("LicenceHistory_renewed"));
        await Assertions.Expect(page.Locator($"dl time[datetime='{Formats.Iso(ends.AddMonths(12))}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-open-renewal]")).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the renewed licence with its history");
        await tab.ScreenshotAsync("licence-renewed-tk");

        // Surrender: a confirmation with a required reason, then the licence is over.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Licence_Surrender"), Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Surrender_Confirm") }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync(tab.Word("Surrender_Error_reason"));
        await tab.ShouldBeAccessibleAsync("the surrender without a reason");
        await tab.ScreenshotAsync("surrender-tk");
        await page.Locator("#reason").FillAsync("Dükany ýapýarys.");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Surrender_Confirm") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToHaveTextAsync(tab.Word("Surrender_Done"));
        await Assertions.Expect(page.Locator("dl .tag")).ToHaveTextAsync(tab.Word("Status_Surrendered"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Licence_Surrender"), Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(renew).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the surrendered licence");
        (await Suite.Api.VerifyAsync(licence)).Status.Should().Be("Surrendered");
    }
}

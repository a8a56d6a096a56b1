using G2B.Journey;

namespace Portal.Tests.Browser;

/// <summary>
/// A business changes its company's details: refusals next to their fields from the API's problem (a missing city, a
/// country that is not a code, a name another active company uses), then a new name, address and an activity added
/// with the registration's picker, only what changed sent.
/// </summary>
public sealed class CompanyChangeTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_business_changes_its_companys_name_address_and_activities_after_refusals_by_each_field()
    {
        var (name, owner, company) = await Arrange.BusinessWithCompanyAsync("Serdar Nurmuhammedov", "Gündogar Söwda");
        var taken = await Arrange.CompanyAsync(await Arrange.TokenAsync(SuiteArrange.Person("other")), "Günbatar Söwda");

        await using var tab = await Suite.OpenAsync("en");
        var page = tab.Page;
        await tab.SignInAsync(name, returnUrl: $"/companies/{company.RegistrationNumber}");
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Change"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#legalName")).ToHaveValueAsync(company.LegalName);
        await Assertions.Expect(page.Locator("#activity-47\\.11")).ToBeCheckedAsync();
        await tab.ShouldBeAccessibleAsync("the change of details");

        // The address: a missing city and a country that is not a code, each said next to its field.
        var save = page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Change_Submit") });
        await page.Locator("#city").FillAsync("");
        await page.Locator("#country").FillAsync("T1");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("#city-error")).ToContainTextAsync(tab.Word("Error_city"));
        await Assertions.Expect(page.Locator("#country-error")).ToContainTextAsync(tab.Word("Error_country"));
        await Assertions.Expect(page.Locator(".error-summary a[href='#city']")).ToHaveCountAsync(1);
        (await page.TitleAsync()).Should().StartWith(tab.Word("ErrorTitlePrefix"));
        await tab.ShouldBeAccessibleAsync("the refused address");
        await tab.ScreenshotAsync("company-change-errors");

        // A name another active company uses.
        await page.Locator("#city").FillAsync("Mary");
        await page.Locator("#country").FillAsync("TM");
        await page.Locator("#legalName").FillAsync(taken.LegalName.ToUpperInvariant());
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("#legalName-error")).ToContainTextAsync(tab.Word("Problem_duplicate-name"));

        // A new name, a new first line, and a restaurant's activity found with the picker's Search button.
        var newName = $"Gündogar Nahar {Guid.NewGuid():N}"[..23];
        await page.Locator("#legalName").FillAsync(newName);
        await page.Locator("#line1").FillAsync("5 Garaşsyzlyk Avenue");
        await page.Locator("#activitySearch").FillAsync("56.10");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search"), Exact = true }).ClickAsync();
        await page.Locator("#activity-56\\.10").CheckAsync();
        await Assertions.Expect(page.Locator("#legalName")).ToHaveValueAsync(newName);
        await save.ClickAsync();

        await Assertions.Expect(page.Locator("[data-changed]")).ToHaveTextAsync(tab.Word("Change_Done"));
        (await tab.H1Async()).Should().Be(newName);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("5 Garaşsyzlyk Avenue");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Mary");
        await tab.ShouldBeAccessibleAsync("the changed company");
        await tab.ScreenshotAsync("company-changed");

        var regulator = await Arrange.TokenAsync(SuiteArrange.Regulator, "regulator");
        var changed = await Suite.Api.GetCompanyAsync(regulator, company.RegistrationNumber);
        changed.LegalName.Should().Be(newName);
        changed.ActivityCodes.Should().BeEquivalentTo("47.11", "56.10");
    }
}

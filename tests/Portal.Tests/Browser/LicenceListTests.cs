using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2B.Testing;

namespace Portal.Tests.Browser;

/// <summary>
/// The regulator's list of licences: a company changes its activities so its retail licence no longer qualifies; the
/// list a regulator first sees names that licence, marked; the filters narrow it (eligibility, status, company); the
/// licence's page says why it is flagged; a next-page link edited by hand is refused in words. Russian at phone width, Turkmen at desktop width.
/// </summary>
public sealed class LicenceListTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_regulator_finds_the_licence_whose_holder_no_longer_qualifies_and_narrows_the_list()
    {
        var (_, owner, company) = await Arrange.BusinessWithCompanyAsync("Ogulgerek Amanowa", "Gök Bazar");
        var licence = await Arrange.IssuedLicenceAsync(owner, company.RegistrationNumber);
        await LoseEligibilityAsync(owner, company.RegistrationNumber, licence);

        await using (var tab = await Suite.OpenAsync("en"))
        {
            var page = tab.Page;
            await tab.SignInAsync(SuiteArrange.Person("Merdan Regulator"), "regulator", "/regulator/reviews");
            await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Nav_Licences"), Exact = true }).ClickAsync();
            (await tab.H1Async()).Should().Be(tab.Word("Licences_Heading"));
            await Assertions.Expect(page.Locator("#eligibilityLapsed")).ToHaveValueAsync("true");

            // The first look lists only flagged licences: every row is marked, and this one is among them.
            var row = page.Locator($"[data-licence='{licence}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-lapsed", "true");
            await Assertions.Expect(row.Locator("[data-lapsed-tag]")).ToHaveTextAsync(tab.Word("Licences_LapsedTag"));
            (await page.Locator("[data-licences-list] tbody tr[data-lapsed='false']").CountAsync()).Should().Be(0);
            await tab.ShouldBeAccessibleAsync("the flagged licences");
            await tab.ScreenshotAsync("regulator-licences");

            // Narrowed to the company: "still qualifies" finds nothing, "any" finds it, "suspended" finds nothing.
            await page.Locator("#registrationNumber").FillAsync(company.RegistrationNumber);
            await page.Locator("#eligibilityLapsed").SelectOptionAsync("false");
            await SearchAsync(tab);
            await Assertions.Expect(page.Locator("[data-no-licences]")).ToHaveTextAsync(tab.Word("Licences_None"));
            await page.Locator("#eligibilityLapsed").SelectOptionAsync("");
            await SearchAsync(tab);
            await Assertions.Expect(page.Locator("[data-licences-list] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync(tab.Word("Status_Active"));
            await page.Locator("#status").SelectOptionAsync("Suspended");
            await SearchAsync(tab);
            await Assertions.Expect(page.Locator("[data-no-licences]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#status")).ToHaveValueAsync("Suspended");
            await Assertions.Expect(page.Locator("#registrationNumber")).ToHaveValueAsync(company.RegistrationNumber);

            // The licence's own page says why it is listed, next to the actions a regulator may take.
            await page.GotoAsync($"/regulator/licences?registrationNumber={company.RegistrationNumber}");
            await row.GetByRole(AriaRole.Link, new() { Name = licence }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-eligibility-lapsed]")).ToContainTextAsync(tab.Word("Regulator_Licence_EligibilityLapsed"));
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Regulator_Action_suspend"), Exact = true })).ToBeVisibleAsync();
            await tab.ShouldBeAccessibleAsync("the flagged licence");

            // A next-page link edited by hand: a 400 page that says so in words, the form still there.
            var edited = await page.GotoAsync("/regulator/licences?eligibilityLapsed=true&cursor=not-a-licence");
            edited!.Status.Should().Be((int)HttpStatusCode.BadRequest);
            await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync(tab.Word("Licences_Error_cursor"));
            await Assertions.Expect(page.Locator("[data-no-licences]")).ToHaveTextAsync(tab.Word("Licences_NotAsked"));
            await tab.ShouldBeAccessibleAsync("the refused cursor");
            await tab.ScreenshotAsync("regulator-licences-refused");
        }

        await using (var tab = await Suite.OpenAsync("ru", 360))
        {
            var page = tab.Page;
            await tab.SignInAsync(SuiteArrange.Person("Ирина Регулятор"), "regulator", "/regulator/licences");
            (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("ru");
            await Assertions.Expect(page.Locator($"[data-licence='{licence}'] [data-lapsed-tag]")).ToHaveTextAsync(tab.Word("Licences_LapsedTag"));
            await tab.ShouldBeAccessibleAsync("the flagged licences in Russian");
            await tab.ScreenshotAsync("regulator-licences-ru");
        }

        await using (var tab = await Suite.OpenAsync("tk"))
        {
            var page = tab.Page;
            await tab.SignInAsync(SuiteArrange.Person("Aýna Regulýator"), "regulator", "/regulator/licences");
            (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("tk");
            (await tab.H1Async()).Should().Be(tab.Word("Licences_Heading"));
            await Assertions.Expect(page.Locator($"[data-licence='{licence}'] [data-lapsed-tag]")).ToHaveTextAsync(tab.Word("Licences_LapsedTag"));
            await tab.ShouldBeAccessibleAsync("the flagged licences in Turkmen");
            await tab.ScreenshotAsync("regulator-licences-tk");
        }
    }

    private async Task SearchAsync(BrowserTab tab)
    {
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search"), Exact = true }).ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
    }

    /// <summary>
    /// The owner moves the company to software (62.01), which retail trade does not admit; licence applications hears
    /// of it by an event and flags the licence.
    /// </summary>
    private async Task LoseEligibilityAsync(string owner, string registrationNumber, string licence)
    {
        using (var amended = await Suite.Api.SendRawAsync(HttpMethod.Patch, $"/api/companies/{registrationNumber}", owner,
                   new { activityCodes = new[] { "62.01" } }))
        {
            amended.StatusCode.Should().Be(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
        }

        await Eventually.UntilAsync(async c =>
        {
            using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, $"/api/licences/{licence}", owner, null, c);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(c)).GetProperty("eligibilityLapsed").GetBoolean();
        }, lapsed => lapsed, "the licence flagged", TimeSpan.FromSeconds(60));
    }
}

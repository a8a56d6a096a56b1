using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Browser;

/// <summary>
/// A business, in a browser, from sign-in to an issued licence: register a company (after a refused first
/// try), apply (double click included), read the payment QR code, the bank pays, the page turns Issued by
/// itself, the licence page links to its public verification. axe and CSP on every page on the way.
/// </summary>
public sealed class BusinessJourneyTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task A_business_registers_applies_pays_at_its_bank_and_sees_the_licence_issued_without_reloading()
    {
        await using var tab = await Suite.OpenAsync("en");
        var page = tab.Page;
        await page.GotoAsync("/");
        await tab.ShouldBeAccessibleAsync("the start page");
        await tab.ScreenshotAsync("start");

        await tab.SignInAsync($"Maral Atayeva {Guid.NewGuid():N}"[..28]);
        (await tab.H1Async()).Should().Be(tab.Word("Dashboard_Heading"));
        await tab.ShouldBeAccessibleAsync("the empty dashboard");

        // Register: first with nothing filled in, so every field says what is wrong.
        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Nav_Register"), Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Register_Submit") }).ClickAsync();
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = tab.Word("Error_taxId") })).ToHaveAttributeAsync("href", "#taxId");
        await Assertions.Expect(page.Locator("#legalName-error")).ToContainTextAsync(tab.Word("Error_legalName"));
        await Assertions.Expect(page.Locator("#activitySearch-error")).ToBeVisibleAsync();
        (await page.TitleAsync()).Should().StartWith(tab.Word("ErrorTitlePrefix"));
        await tab.ShouldBeAccessibleAsync("the refused registration form");
        await tab.ScreenshotAsync("register-errors");

        var name = $"Portal Trading {Random.Shared.Next(100000, 999999)}";
        var taxId = $"{Random.Shared.Next(100000, 999999)}{Random.Shared.Next(100000, 999999)}";
        await page.Locator("#legalName").FillAsync(name);
        await page.GetByLabel(tab.Word("LegalForm_LLC")).CheckAsync();
        await page.Locator("#taxId").FillAsync(taxId);
        await page.Locator("#line1").FillAsync("1 Magtymguly Avenue");
        await page.Locator("#city").FillAsync("Ashgabat");
        // The activity picker: the search works as one types (script) and with its button (no script).
        await page.Locator("#activitySearch").FillAsync("non-specialised stores");
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Search") }).ClickAsync();
        await page.Locator("#activity-47\\.11").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Register_Submit") }).ClickAsync();

        await Assertions.Expect(page.Locator(".panel--confirmation")).ToContainTextAsync(tab.Word("Register_Done"));
        var registrationNumber = (await page.Locator("[data-registration-number]").InnerTextAsync()).Trim();
        registrationNumber.Should().NotBeEmpty();
        await tab.ShouldBeAccessibleAsync("the registered company");

        // Apply: only the types the company's activity (47.11) qualifies for, each with its fee.
        await page.Locator("#main").GetByRole(AriaRole.Link, new() { Name = tab.Word("Company_Apply") }).ClickAsync();
        var offered = await page.Locator("input[name=LicenceType]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        offered.Should().BeEquivalentTo("RETAIL-TRADE", "ALCOHOL-RETAIL", "ADVERTISING");
        await Assertions.Expect(page.Locator("[data-fee='RETAIL-TRADE']")).ToHaveTextAsync("500.00\u00a0TMT");
        await tab.ShouldBeAccessibleAsync("the application form");
        await page.GetByLabel(tab.Word("LicenceType_RETAIL-TRADE")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Apply_Submit") }).DblClickAsync();
        // The form's own address is /applications/new?company=...: wait for the application's page itself.
        await page.WaitForURLAsync(url => Guid.TryParse(new Uri(url).AbsolutePath.Split('/').Last(), out _));
        (await ApplicationsOfAsync(registrationNumber)).Should().Be(1, "a double click submits one application");

        // The payment instructions arrive by themselves once the invoice exists.
        var payment = page.Locator("section.payment");
        await Assertions.Expect(payment).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var reference = (await page.Locator("[data-payment-reference]").InnerTextAsync()).Trim();
        reference.Should().StartWith("RF");
        await Assertions.Expect(page.Locator("[data-payment-amount]")).ToHaveTextAsync("500.00\u00a0TMT");
        var qr = await QrImage.DecodeAsync(page.Locator("img[data-payment-qr]"));
        var lines = qr.Split('\n');
        lines[0].Should().Be(reference, "the text format leads with the RF reference");
        lines.Should().Contain(["G2B/1", "AMOUNT=500.00", "CURRENCY=TMT"]);
        await tab.ShouldBeAccessibleAsync("the application awaiting payment");
        await tab.ScreenshotAsync("application-awaiting-payment");

        // The bank pays; the page must turn Issued with no reload (a reload would clear this marker).
        await page.EvaluateAsync("() => { window.__stillTheSamePage = true; }");
        var paid = await Suite.Bank.PayAsync(reference);
        paid.Answer.Status.Should().Be("accepted");
        var status = page.Locator("#application-status .status-line");
        await Assertions.Expect(status).ToContainTextAsync(tab.Word("Status_Issued"), new() { Timeout = 60_000 });
        (await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).Should().BeTrue("the status changed without a reload");
        await Assertions.Expect(payment).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("application-issued");

        // The licence, its verification link (which anyone can open) and its printable view.
        await page.Locator(".panel--confirmation a").ClickAsync();
        var licenceNumber = (await page.Locator("[data-licence-number]").InnerTextAsync()).Trim();
        await tab.ShouldBeAccessibleAsync("the licence page");
        await tab.ScreenshotAsync("licence");
        var verification = await page.Locator("[data-verification-link]").GetAttributeAsync("href");
        verification.Should().Be($"{Suite.BaseUrl}/verify?q={licenceNumber}");
        (await QrImage.DecodeAsync(page.Locator("img.verification__qr"))).Should().Be(verification);
        // What an inspector's phone opens: the public page, in plain words, with the live status.
        var inspector = await Suite.OpenAsync("en", 360);
        await using (inspector)
        {
            await inspector.Page.GotoAsync(verification!);
            await Assertions.Expect(inspector.Page.Locator("[data-live-status]")).ToHaveAttributeAsync("data-live-status", "Active");
            await Assertions.Expect(inspector.Page.Locator("main")).ToContainTextAsync(name);
            await Assertions.Expect(inspector.Page.Locator("main")).ToContainTextAsync(licenceNumber);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = tab.Word("Licence_Printable") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-licence-number]")).ToHaveTextAsync(licenceNumber);
        await Assertions.Expect(page.Locator("nav")).ToHaveCountAsync(0);
        await tab.ShouldBeAccessibleAsync("the printable licence");

        // The dashboard now lists the company and its licence; nothing is left to pay.
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("#companies-heading + table")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#licences-heading + table")).ToContainTextAsync(licenceNumber);
        await Assertions.Expect(page.Locator("#invoices-heading + p")).ToHaveTextAsync(tab.Word("Dashboard_NoUnpaidInvoices"));
        await tab.ShouldBeAccessibleAsync("the dashboard with a licence");
        await tab.ScreenshotAsync("dashboard");
    }

    /// <summary>How many applications the company has, as a regulator reads them from the API.</summary>
    private async Task<int> ApplicationsOfAsync(string registrationNumber)
    {
        var regulator = await Suite.Api.TokenAsync("portal-tests-regulator", "regulator");
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get,
            $"/api/applications?registrationNumber={Uri.EscapeDataString(registrationNumber)}", regulator, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
    }
}

using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Portal.Tests.Browser;

/// <summary>
/// The public verification page (issue 15 part 4), as someone who scanned a certificate's QR code sees it, with no
/// sign-in: the signature's verdict and the licence's live status in words, in three languages, at both widths.
/// </summary>
public sealed class VerifyTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task The_QR_code_page_says_Active_for_a_fresh_licence_Revoked_after_revocation_and_not_valid_when_tampered()
    {
        var issued = await Suite.Journey().RunAsync();
        var owner = await Suite.Api.TokenAsync(issued.Subject, "business");
        var credential = await CredentialAsync(owner, issued.LicenceNumber);
        var holder = (await Suite.Api.GetCompanyAsync(owner, issued.RegistrationNumber)).LegalName;

        // What the certificate's QR code opens, in English on a desktop: both parts valid.
        await using (var tab = await Suite.OpenAsync("en"))
        {
            var page = tab.Page;
            var response = await page.GotoAsync("/verify?credential=" + Uri.EscapeDataString(credential));
            response!.Status.Should().Be(200);
            await Assertions.Expect(page.Locator("[data-signature]")).ToHaveAttributeAsync("data-signature", "valid");
            await Assertions.Expect(page.Locator("#signature-heading")).ToHaveTextAsync(tab.Word("Verify_SignatureValid"));
            await Assertions.Expect(page.Locator("[data-live-status]")).ToHaveAttributeAsync("data-live-status", "Active");
            await Assertions.Expect(page.Locator("[data-live-status] .verdict__body")).ToHaveTextAsync(tab.Word("Verify_Status_Active"));
            await Assertions.Expect(page.Locator("[data-licence-number]")).ToHaveTextAsync(issued.LicenceNumber);
            await Assertions.Expect(page.Locator("dl.summary")).ToContainTextAsync(holder);
            // Nothing private: no registration number, no tax id, only what GET /verify/licences shows anyone.
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(issued.RegistrationNumber);
            await Assertions.Expect(page.Locator("nav")).ToHaveCountAsync(0);
            await tab.ShouldBeAccessibleAsync("the verify page with a valid credential");
            await tab.ScreenshotAsync("verify-valid");

            // The same credential with one fact changed: the signature no longer holds, and nothing of it is shown.
            await page.GotoAsync("/verify?credential=" + Uri.EscapeDataString(Tampered(credential)));
            await Assertions.Expect(page.Locator("[data-signature]")).ToHaveAttributeAsync("data-signature", "invalid");
            await Assertions.Expect(page.Locator("#signature-heading")).ToHaveTextAsync(tab.Word("Verify_SignatureInvalid"));
            await Assertions.Expect(page.Locator("[data-live-status]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-licence-number]")).ToHaveCountAsync(0);
            await tab.ShouldBeAccessibleAsync("the verify page with a tampered credential");
            await tab.ScreenshotAsync("verify-tampered");
        }

        // In Turkmen on a phone: the form, first sent empty, then with the licence number.
        await using (var tab = await Suite.OpenAsync("tk", 360))
        {
            var page = tab.Page;
            await page.GotoAsync("/verify");
            (await tab.H1Async()).Should().Be(tab.Word("Verify_Heading"));
            await tab.ShouldBeAccessibleAsync("the empty verify page");
            await tab.ScreenshotAsync("verify-tk");
            await page.Locator("#q").FillAsync("   ");
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Verify_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator("#q-error")).ToContainTextAsync(tab.Word("Verify_Error_q"));
            await tab.ShouldBeAccessibleAsync("the verify page with nothing entered");

            await page.Locator("#q").FillAsync(issued.LicenceNumber);
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Verify_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-live-status] .verdict__body")).ToHaveTextAsync(tab.Word("Verify_Status_Active"));
            await Assertions.Expect(page.Locator("[data-signature]")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
            await tab.ShouldBeAccessibleAsync("the verify page for a licence number");
            await tab.ScreenshotAsync("verify-number-tk");

            await page.Locator("#q").FillAsync("RETAIL-TRADE-1999-999999");
            await page.GetByRole(AriaRole.Button, new() { Name = tab.Word("Verify_Submit") }).ClickAsync();
            await Assertions.Expect(page.Locator("#notfound-heading")).ToHaveTextAsync(tab.Word("Verify_NotFound"));
        }

        // A regulator revokes the licence: the signature stays valid, the status says Revoked (in Russian, on a phone).
        var regulator = await Suite.Api.TokenAsync("portal-tests-regulator", "regulator");
        using (var revoked = await Suite.Api.SendRawAsync(HttpMethod.Post,
                   $"/api/licences/{Uri.EscapeDataString(issued.LicenceNumber)}/revoke", regulator, new { reason = "Verification test" }))
        {
            revoked.EnsureSuccessStatusCode();
        }

        await using (var tab = await Suite.OpenAsync("ru", 360))
        {
            var page = tab.Page;
            await page.GotoAsync("/verify?credential=" + Uri.EscapeDataString(credential));
            await Assertions.Expect(page.Locator("#signature-heading")).ToHaveTextAsync(tab.Word("Verify_SignatureValid"));
            await Assertions.Expect(page.Locator("[data-live-status]")).ToHaveAttributeAsync("data-live-status", "Revoked");
            await Assertions.Expect(page.Locator("[data-live-status] .tag")).ToHaveTextAsync(tab.Word("Status_Revoked"));
            await Assertions.Expect(page.Locator("[data-live-status] .verdict__body")).ToHaveTextAsync(tab.Word("Verify_Status_Revoked"));
            await tab.ShouldBeAccessibleAsync("the verify page for a revoked licence");
            await tab.ScreenshotAsync("verify-revoked-ru");
        }
    }

    private async Task<string> CredentialAsync(string token, string licenceNumber)
    {
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, $"/api/licences/{Uri.EscapeDataString(licenceNumber)}/credential", token, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    /// <summary>The credential with its validity stretched to 2099 and the original signature kept.</summary>
    private static string Tampered(string credential)
    {
        var parts = credential.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        payload["credentialSubject"]!["validUntil"] = "2099-12-31";
        parts[1] = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }
}

using System.Net;

namespace Portal.Tests.Browser;

/// <summary>Every page decides on the server who may see it: another business's URLs, a wrong role, no session.</summary>
public sealed class IsolationTests(PortalSuite suite) : BrowserTest(suite)
{
    [Fact]
    public async Task Another_businesss_company_application_and_licence_are_the_same_not_found_page_the_API_gives()
    {
        // Business A, through the API alone: a company, a paid application, an issued licence.
        var a = await Suite.Journey().RunAsync();
        await using var tab = await Suite.OpenAsync("en");
        await tab.SignInAsync($"Other Business {Guid.NewGuid():N}"[..24]);

        foreach (var path in new[]
        {
            $"/companies/{a.RegistrationNumber}",
            $"/companies/{a.RegistrationNumber}/dissolve",
            $"/applications/{a.ApplicationId}",
            $"/applications/{a.ApplicationId}/cancel",
            $"/applications/{a.ApplicationId}/withdraw",
            $"/applications/{a.ApplicationId}?handler=Live",
            $"/applications/{a.ApplicationId}?handler=PaymentQr",
            $"/licences/{a.LicenceNumber}",
            $"/licences/{a.LicenceNumber}/print",
            $"/licences/{a.LicenceNumber}?handler=Certificate",
            // The licence's life after issue (issue 13): every page of another business's is the API's 404 too.
            $"/companies/{a.RegistrationNumber}/change",
            $"/companies/{a.RegistrationNumber}/notices",
            $"/applications/{a.ApplicationId}/respond",
            $"/applications/{a.ApplicationId}/documents",
            $"/applications/{a.ApplicationId}/appeal",
            $"/applications/{a.ApplicationId}/documents/{Guid.NewGuid()}",
            $"/licences/{a.LicenceNumber}/renew",
            $"/licences/{a.LicenceNumber}/surrender",
        })
        {
            var response = await tab.Page.GotoAsync(path);
            response!.Status.Should().Be((int)HttpStatusCode.NotFound, path);
            (await tab.H1Async()).Should().Be(tab.Word("Error_404_Title"), path);
            (await tab.Page.ContentAsync()).Should().NotContain(a.RegistrationNumber + "</", path).And.NotContain(a.PaymentReference, path);
        }

        await tab.ShouldBeAccessibleAsync("the not-found page");
        // A form of A's posted by B (no page gave B its token) is refused too, and changes nothing.
        var dissolve = await tab.Page.APIRequest.PostAsync($"/companies/{a.RegistrationNumber}/dissolve",
            new() { Form = tab.Page.APIRequest.CreateFormData().Set("Reason", "not mine") });
        dissolve.Status.Should().BeOneOf(400, 404);
        var surrender = await tab.Page.APIRequest.PostAsync($"/licences/{a.LicenceNumber}/surrender",
            new() { Form = tab.Page.APIRequest.CreateFormData().Set("Reason", "not mine") });
        surrender.Status.Should().BeOneOf(400, 404);
        var regulator = await Suite.Api.TokenAsync("portal-tests-regulator", "regulator");
        (await Suite.Api.GetCompanyAsync(regulator, a.RegistrationNumber)).Status.Should().Be("Active");
        (await Suite.Api.GetLicenceAsync(regulator, a.LicenceNumber)).Status.Should().Be("Active");
    }

    [Fact]
    public async Task A_regulator_gets_the_forbidden_page_on_business_pages_and_no_one_signed_out_gets_any()
    {
        await using var anonymous = await Suite.OpenAsync("ru");
        await anonymous.Page.GotoAsync("/dashboard");
        new Uri(anonymous.Page.Url).AbsolutePath.Should().StartWith("/dev/", "a business page without a session goes to sign-in");

        await using var regulator = await Suite.OpenAsync("en");
        await regulator.SignInAsync($"Merdan Regulator {Guid.NewGuid():N}"[..26], "regulator", "/account/signed-in");
        var response = await regulator.Page.GotoAsync("/companies/register");
        response!.Status.Should().Be((int)HttpStatusCode.Forbidden);
        (await regulator.H1Async()).Should().Be(regulator.Word("Error_403_Title"));
        await regulator.ShouldBeAccessibleAsync("the forbidden page");

        // Signing out ends the session here (and at the provider): business pages ask for sign-in again.
        await regulator.Page.GotoAsync("/account/signed-in");
        await regulator.Page.GetByRole(AriaRole.Button, new() { Name = regulator.Word("SignOut") }).ClickAsync();
        await regulator.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        (await regulator.Context.CookiesAsync()).Should().NotContain(c => c.Name.StartsWith("g2b.portal") && !c.Name.EndsWith(".af"));
    }
}

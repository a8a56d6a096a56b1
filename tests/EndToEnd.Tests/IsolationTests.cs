using System.Net;

namespace EndToEnd.Tests;

public sealed class IsolationTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    [Fact]
    public async Task Another_business_can_neither_see_nor_touch_the_first_business_companies_applications_or_invoices()
    {
        var (owner, company, application) = await Scenario.IssuedLicenceAsync();
        var intruder = await Scenario.BusinessAsync();
        var rn = company.RegistrationNumber;

        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/companies/{rn}", intruder)).Should().Be(HttpStatusCode.NotFound);
        (await Scenario.StatusOfAsync(HttpMethod.Post, $"/api/companies/{rn}/dissolve", intruder, new { reason = "x" }))
            .Should().Be(HttpStatusCode.NotFound);
        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/applications/{application.ApplicationId}", intruder))
            .Should().Be(HttpStatusCode.NotFound);
        (await Scenario.StatusOfAsync(HttpMethod.Post, $"/api/applications/{application.ApplicationId}/cancel", intruder))
            .Should().Be(HttpStatusCode.NotFound);
        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/invoices/{application.PaymentReference}", intruder))
            .Should().Be(HttpStatusCode.NotFound);
        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/licences/{application.LicenceNumber}", intruder))
            .Should().Be(HttpStatusCode.NotFound);
        var type = await Scenario.TypeAsync(requiresReview: false, "47.11");
        (await Scenario.StatusOfAsync(HttpMethod.Post, "/api/applications", intruder, new { registrationNumber = rn, licenceType = type.Code }))
            .Should().Be(HttpStatusCode.Forbidden);

        // Business tokens cannot reach regulator functions; no token is 401.
        (await Scenario.StatusOfAsync(HttpMethod.Get, "/api/companies?q=Journey", intruder)).Should().Be(HttpStatusCode.Forbidden);
        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/companies/{rn}", null)).Should().Be(HttpStatusCode.Unauthorized);

        // The owner still sees everything of its own.
        (await Scenario.StatusOfAsync(HttpMethod.Get, $"/api/companies/{rn}", owner)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Internal_paths_are_not_reachable_through_the_gateway()
    {
        // The registry's /internal routes (owner and status for licence applications) stay inside.
        foreach (var path in new[] { "/dapr/subscribe", "/dapr/config", "/events/invoice-paid", "/internal/companies/X/status", "/internal/companies/X" })
        {
            (await Scenario.StatusOfAsync(HttpMethod.Get, path, null)).Should().Be(HttpStatusCode.NotFound, path);
        }

        // The one public OpenAPI document is the gateway's own (a service's document is not reached).
        (await Scenario.StatusOfAsync(HttpMethod.Get, "/openapi/v1.json", null)).Should().Be(HttpStatusCode.OK);
    }
}

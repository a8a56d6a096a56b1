using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace LicenceApplications.Tests;

public sealed class SubmissionTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Owner_of_an_active_eligible_company_submits_and_the_fee_goes_to_the_outbox()
    {
        var company = await app.RegisterCompanyAsync("owner-a");

        var response = await app.Business("owner-a").SubmitAsync(company, "RETAIL-TRADE");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("applicationId").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/applications/{id}");
        body.GetProperty("status").GetString().Should().Be("AwaitingPayment");
        body.GetProperty("fee").GetDecimal().Should().Be(500.00m);
        body.GetProperty("currency").GetString().Should().Be("TMT");
        body.GetProperty("paymentReference").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        body.GetProperty("licenceNumber").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        var submitted = (await app.OutboxAsync("application-submitted")).Single(e => e.GetProperty("applicationId").GetGuid() == id);
        submitted.GetProperty("legalName").GetString().Should().Be($"Company {company} LLC");
        submitted.GetProperty("ownerSubject").GetString().Should().Be("owner-a");
        submitted.GetProperty("fee").GetDecimal().Should().Be(500.00m);
        submitted.GetProperty("currency").GetString().Should().Be("TMT");
        submitted.GetProperty("licenceType").GetString().Should().Be("RETAIL-TRADE");
    }

    [Fact]
    public async Task Missing_fields_are_a_validation_problem_with_field_errors()
    {
        var response = await app.Business("owner-v").SubmitAsync("", "");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("registrationNumber", out _).Should().BeTrue();
        errors.TryGetProperty("licenceType", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_licence_type_is_a_validation_problem()
    {
        var company = await app.RegisterCompanyAsync("owner-b");

        var response = await app.Business("owner-b").SubmitAsync(company, "SPACE-TOURISM");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("licenceType", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Company_unknown_here_and_at_the_registry_is_a_validation_problem()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryAnswers($"/internal/companies/{number}", 404);

        var response = await app.Business("owner-c").SubmitAsync(number, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("registrationNumber", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Another_business_company_is_forbidden()
    {
        var company = await app.RegisterCompanyAsync("owner-d");

        var response = await app.Business("intruder").SubmitAsync(company, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Company_registered_a_moment_ago_can_apply_at_once_through_the_registry_with_the_callers_token()
    {
        // The registry knows the company; its event has not reached this service yet.
        var number = Scenario.NewRegistrationNumber();
        var client = app.Business("fresh-owner");
        app.Registry.Given(Request.Create().WithPath($"/internal/companies/{number}").UsingGet()
                .WithHeader("Authorization", client.DefaultRequestHeaders.Authorization!.ToString()))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(new
            {
                registrationNumber = number, legalName = "Fresh Bakery LLC", ownerSubject = "fresh-owner",
                activityCodes = new[] { "56.10" }, status = "Active", version = 1,
            }));

        var response = await client.SubmitAsync(number, "FOOD-SERVICE");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync()).GetProperty("applicationId").GetGuid();
        (await app.OutboxAsync("application-submitted")).Single(e => e.GetProperty("applicationId").GetGuid() == id)
            .GetProperty("legalName").GetString().Should().Be("Fresh Bakery LLC");
        // The local view learnt the registry's recorded owner.
        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND owner_subject = 'fresh-owner'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task Registry_unreachable_at_submission_is_a_503_problem()
    {
        var number = Scenario.NewRegistrationNumber();
        app.RegistryAnswers($"/internal/companies/{number}", 401);

        var response = await app.Business("owner-u").SubmitAsync(number, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "registry-unavailable");
    }

    [Fact]
    public async Task Suspended_company_cannot_apply()
    {
        var company = await app.RegisterCompanyAsync("owner-e", status: "Suspended");

        var response = await app.Business("owner-e").SubmitAsync(company, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "company-not-active");
    }

    [Fact]
    public async Task Company_without_an_eligible_activity_is_unprocessable()
    {
        var company = await app.RegisterCompanyAsync("owner-f", activityCodes: ["62.01"]);

        var response = await app.Business("owner-f").SubmitAsync(company, "PHARMACY");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "activity-not-eligible");
    }

    [Fact]
    public async Task Type_with_no_eligible_codes_admits_any_company()
    {
        var company = await app.RegisterCompanyAsync("owner-g", activityCodes: ["62.01"]);

        (await app.Business("owner-g").SubmitAsync(company, "ADVERTISING")).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Second_open_application_of_the_same_type_is_a_duplicate()
    {
        var (company, client) = await app.OwnCompanyAsync("owner-h");
        await client.SubmitOkAsync(company, "RETAIL-TRADE");

        var response = await client.SubmitAsync(company, "RETAIL-TRADE");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate-application");
    }

    [Fact]
    public async Task Concurrent_submissions_of_the_same_type_create_exactly_one_application()
    {
        var (company, client) = await app.OwnCompanyAsync("owner-i");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SubmitAsync(company, "FOOD-SERVICE")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict);
        (await app.ScalarAsync($"SELECT count(*) FROM applications WHERE registration_number = '{company}'")).Should().Be(1);
    }

    [Fact]
    public async Task After_cancelling_the_same_type_can_be_applied_for_again()
    {
        var (company, client) = await app.OwnCompanyAsync("owner-j");
        var first = await client.SubmitOkAsync(company, "RETAIL-TRADE");
        (await client.PostAsync($"/api/applications/{first.GetProperty("applicationId").GetGuid()}/cancel", null))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.SubmitAsync(company, "RETAIL-TRADE")).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Anonymous_callers_are_unauthorized_and_regulators_cannot_submit()
    {
        var company = await app.RegisterCompanyAsync("owner-k");

        (await app.CreateClient().SubmitAsync(company, "RETAIL-TRADE")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Regulator().SubmitAsync(company, "RETAIL-TRADE")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

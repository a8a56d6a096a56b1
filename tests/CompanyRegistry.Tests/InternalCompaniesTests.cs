namespace CompanyRegistry.Tests;

/// <summary>What licence applications asks at submission and issue: the recorded owner, the status and its version.</summary>
public sealed class InternalCompaniesTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task Recorded_owner_and_version_are_shown_to_any_authenticated_caller_whatever_their_roles()
    {
        var company = await app.Business("internal-owner").RegisterAsync("Internal Owner Trading");
        var number = company.RegistrationNumber;

        foreach (var caller in new[] { app.Business("someone-else"), app.ClientFor("dual", "business", "regulator"), app.Regulator() })
        {
            var found = await caller.GetFromJsonAsync<InternalCompany>($"/internal/companies/{number}");
            found!.OwnerSubject.Should().Be("internal-owner");
            found.Status.Should().Be("Active");
            found.Version.Should().Be(1);
        }

        (await app.CreateClient().GetAsync($"/internal/companies/{number}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await app.Business("x").GetAsync("/internal/companies/RC-2026-999999-Z")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Status_answers_at_once_after_a_suspension_without_a_token()
    {
        var number = (await app.Business("internal-owner-2").RegisterAsync("Internal Status Trading")).RegistrationNumber;
        (await app.Regulator().PostAsJsonAsync($"/api/companies/{number}/suspend", new { reason = "audit" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var status = await app.CreateClient().GetFromJsonAsync<InternalStatus>($"/internal/companies/{number}/status");

        status.Should().Be(new InternalStatus(number, "Suspended", 2));
    }

    private sealed record InternalCompany(string RegistrationNumber, string OwnerSubject, string Status, long Version);

    private sealed record InternalStatus(string RegistrationNumber, string Status, long Version);
}

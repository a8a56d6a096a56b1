namespace LicenceApplications.Tests;

public sealed class ApplicationAccessTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Another_business_cannot_see_or_cancel_an_application()
    {
        var (_, id, _) = await app.ApplyAsync("life-l", "RETAIL-TRADE");
        var stranger = app.Business("stranger");

        await (await stranger.GetAsync($"/api/applications/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.PostAsync($"/api/applications/{id}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.Regulator().GetAsync($"/api/applications/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Listing_shows_a_business_only_its_own_applications_in_stable_pages()
    {
        var company = await app.RegisterCompanyAsync("lister", ["47.11", "47.73", "56.10", "49.31"]);
        var owner = app.Business("lister");
        foreach (var type in new[] { "RETAIL-TRADE", "PHARMACY", "FOOD-SERVICE", "PASSENGER-TRANSPORT" })
        {
            await owner.SubmitOkAsync(company, type);
        }

        var first = await owner.GetJsonAsync("/api/applications?limit=3");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await owner.GetJsonAsync($"/api/applications?limit=3&cursor={cursor}");

        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        all.Should().HaveCount(4);
        all.Select(a => a.GetProperty("applicationId").GetGuid()).Distinct().Should().HaveCount(4);
        all.Should().OnlyContain(a => a.GetProperty("registrationNumber").GetString() == company);
        second.GetProperty("nextCursor").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        var stranger = await app.Business("nobody").GetJsonAsync("/api/applications");
        stranger.GetProperty("items").GetArrayLength().Should().Be(0);
        var filtered = await app.Regulator().GetJsonAsync($"/api/applications?registrationNumber={company}&status=AwaitingPayment");
        filtered.GetProperty("items").GetArrayLength().Should().Be(4);
        await (await owner.GetAsync("/api/applications?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}

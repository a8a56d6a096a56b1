namespace LicenceApplications.Tests;

/// <summary>Issue 16: what one request costs in statements.</summary>
public sealed class RoundTripTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Reading_an_application_with_its_history_and_questions_takes_one_statement()
    {
        var company = await app.RegisterCompanyAsync("rt-a");
        var owner = app.Business("rt-a");
        var id = await owner.SubmitIdAsync(company, "PHARMACY");
        await app.PayAsync(id);
        (await app.Regulator().PostAsJsonAsync($"/api/applications/{id}/information-requests", new { message = "Which pharmacist?" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        app.Commands.Clear();
        var body = await owner.GetJsonAsync($"/api/applications/{id}");

        var history = body.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        history.Should().Equal("AwaitingPayment", "UnderReview", "InformationRequested");
        body.GetProperty("informationRequests").EnumerateArray().Select(r => r.GetProperty("message").GetString())
            .Should().Equal("Which pharmacist?");
        app.Commands.Texts.Where(t => t.Contains("application_history", StringComparison.Ordinal)
                || t.Contains("information_requests", StringComparison.Ordinal))
            .Should().ContainSingle("the application, its history and its information requests come in one statement");
    }
}

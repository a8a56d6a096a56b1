using CompanyRegistry.Contracts;

namespace LicenceApplications.Tests;

/// <summary>Issue 13, part 2: company-amended keeps the local view current and flags licences whose type no longer fits.</summary>
public sealed class CompanyAmendmentTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private Task AmendAsync(string company, string legalName, string[] codes, long version) =>
        app.DeliverAsync(new CompanyAmendedIntegrationEvent(
            company, legalName, codes, ["legalName", "activityCodes"], null, null, "owner", version, DateTimeOffset.UtcNow));

    private async Task<bool> LapsedAsync(string licence) => (await app.LicenceAsync(licence)).GetProperty("eligibilityLapsed").GetBoolean();

    [Fact]
    public async Task Removing_the_qualifying_activity_flags_the_licence_for_regulators_without_revoking_it()
    {
        var (company, licence, owner) = await app.IssueLicenceAsync("amend-a");
        (await LapsedAsync(licence)).Should().BeFalse();

        await AmendAsync(company, "Renamed LLC", ["56.10"], 2);

        var flagged = await app.LicenceAsync(licence);
        flagged.GetProperty("eligibilityLapsed").GetBoolean().Should().BeTrue();
        flagged.GetProperty("status").GetString().Should().Be("Active");
        var listed = await app.Regulator().GetJsonAsync("/api/licences?eligibilityLapsed=true&limit=100");
        listed.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("licenceNumber").GetString()).Should().Contain(licence)
            .And.OnlyContain(n => n != null);
        listed.GetProperty("items").EnumerateArray().Should().OnlyContain(l => l.GetProperty("eligibilityLapsed").GetBoolean());
        (await app.CreateClient().GetJsonAsync($"/verify/licences/{licence}")).GetProperty("holderName").GetString().Should().Be("Renamed LLC");

        // The codes come back (a newer amendment): the flag clears.
        await AmendAsync(company, "Renamed LLC", ["47.11", "56.10"], 3);
        (await LapsedAsync(licence)).Should().BeFalse();
        (await owner.GetJsonAsync("/api/licences?eligibilityLapsed=false")).GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("licenceNumber").GetString()).Should().Equal(licence);
    }

    [Fact]
    public async Task Amendments_and_status_changes_apply_whatever_order_they_arrive_in()
    {
        var (company, licence, _) = await app.IssueLicenceAsync("amend-b");

        await AmendAsync(company, "Newest LLC", ["56.10"], 4);
        await AmendAsync(company, "Older LLC", ["47.11"], 3);
        await app.CompanyStatusAsync(company, "Active", "Suspended", 2);

        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{company}' AND legal_name = 'Newest LLC' AND status = 'Suspended' AND owner_subject = 'amend-b'"))
            .Should().Be(1);
        var view = await app.LicenceAsync(licence);
        view.GetProperty("eligibilityLapsed").GetBoolean().Should().BeTrue();
        view.GetProperty("status").GetString().Should().Be("Suspended");
    }

    [Fact]
    public async Task An_amendment_before_the_registration_keeps_its_details_and_the_registration_adds_the_owner()
    {
        var number = Scenario.NewRegistrationNumber();

        await AmendAsync(number, "Amended First LLC", ["85.10"], 2);
        await app.DeliverAsync(new CompanyRegisteredIntegrationEvent(number, "Registered LLC", "LLC", "amend-c", ["47.11"], "Active", DateTimeOffset.UtcNow));

        (await app.ScalarAsync($"SELECT count(*) FROM companies WHERE registration_number = '{number}' AND legal_name = 'Amended First LLC' AND activity_codes = ARRAY['85.10'] AND owner_subject = 'amend-c' AND status = 'Active'"))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_licence_whose_eligibility_lapsed_cannot_be_renewed()
    {
        var (company, licence, owner) = await app.IssueLicenceAsync("amend-d");
        await AmendAsync(company, $"Company {company} LLC", ["85.10"], 2);
        app.MoveClockTo((await app.ValidUntilAsync(licence)).AddDays(-10));

        await (await owner.RenewAsync(licence)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "activity-not-eligible");
    }

    [Fact]
    public async Task The_licence_list_validates_its_parameters_and_the_topic_is_subscribed()
    {
        var regulator = app.Regulator();
        await (await regulator.GetAsync("/api/licences?eligibilityLapsed=yes")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await regulator.GetAsync("/api/licences?status=Gone")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await regulator.GetAsync("/api/licences?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await app.CreateClient().GetAsync("/api/licences")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var subscriptions = await app.CreateClient().GetJsonAsync("/dapr/subscribe");
        subscriptions.EnumerateArray().Select(s => s.GetProperty("topic").GetString()).Should().Contain("company-amended");
    }
}

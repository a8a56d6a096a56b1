namespace Notifications.Tests;

public sealed class FeedTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Scenario Scenario => fixture.Scenario;

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Feed_lists_events_in_arrival_order_and_the_cursor_resumes_exactly_after_the_last_item()
    {
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var (registrationNumber, applicationId) = await Scenario.CompanyWithInvoiceAsync(owner);

        var first = await Scenario.FeedAsync(client, "?limit=2");
        first.Items.Select(i => i.Type).Should().Equal("company.registered", "application.submitted");
        var rest = await Scenario.FeedAsync(client, $"?after={first.NextCursor}&limit=2");
        rest.Items.Select(i => i.Type).Should().Equal("invoice.issued");
        rest.Items[0].RegistrationNumber.Should().Be(registrationNumber);
        rest.Items[0].Subject.GetProperty("applicationId").GetGuid().Should().Be(applicationId);
        rest.Items[0].Data.GetProperty("amount").GetDecimal().Should().Be(150m);

        var empty = await Scenario.FeedAsync(client, $"?after={rest.NextCursor}");
        empty.Items.Should().BeEmpty();
        empty.NextCursor.Should().Be(rest.NextCursor, "with nothing new the caller keeps its place");

        await Scenario.DeliverAsync(Scenario.Suspended(registrationNumber));
        var next = await Scenario.FeedAsync(client, $"?after={empty.NextCursor}");
        next.Items.Select(i => i.Type).Should().Equal("company.status-changed");
    }

    [Fact]
    public async Task A_redelivered_event_appears_in_the_feed_once()
    {
        var owner = NewOwner();
        var registered = Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner);

        await Scenario.DeliverAsync(registered);
        await Scenario.DeliverAsync(registered);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenario.DeliverAsync(registered)));

        var client = fixture.App.Business(owner);
        var feed = await Scenario.FeedAsync(client);
        feed.Items.Should().ContainSingle().Which.Id.Should().Be(registered.Id);
    }

    [Fact]
    public async Task A_business_sees_only_its_own_companies_and_a_regulator_sees_all()
    {
        var ownerA = NewOwner();
        var ownerB = NewOwner();
        var (companyA, _) = await Scenario.CompanyWithInvoiceAsync(ownerA);
        var (companyB, _) = await Scenario.CompanyWithInvoiceAsync(ownerB);

        var feedA = await Scenario.FeedAsync(fixture.App.Business(ownerA), "?limit=200");
        var feedB = await Scenario.FeedAsync(fixture.App.Business(ownerB), "?limit=200");
        var all = await Scenario.FeedAsync(fixture.App.Regulator(), "?limit=200");

        feedA.Items.Should().HaveCount(3).And.OnlyContain(i => i.RegistrationNumber == companyA);
        feedB.Items.Should().HaveCount(3).And.OnlyContain(i => i.RegistrationNumber == companyB);
        all.Items.Select(i => i.RegistrationNumber).Should().Contain([companyA, companyB]);
    }

    [Fact]
    public async Task An_invoice_event_that_overtakes_its_application_becomes_visible_once_the_application_arrives()
    {
        var owner = NewOwner();
        var registrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..8];
        var submitted = Scenario.Submitted(registrationNumber, owner);
        var client = fixture.App.Business(owner);

        await Scenario.DeliverAsync(Scenario.InvoiceIssued(submitted.ApplicationId));
        (await Scenario.FeedAsync(client)).Items.Should().BeEmpty("nobody knows whose invoice it is yet");

        await Scenario.DeliverAsync(submitted);
        var feed = await Scenario.FeedAsync(client);
        feed.Items.Select(i => i.Type).Should().Equal("invoice.issued", "application.submitted");
        feed.Items.Should().OnlyContain(i => i.RegistrationNumber == registrationNumber);
    }

    [Fact]
    public async Task Types_filter_the_feed()
    {
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        await Scenario.CompanyWithInvoiceAsync(owner);

        var feed = await Scenario.FeedAsync(client, "?types=invoice.issued,company.registered");

        feed.Items.Select(i => i.Type).Should().Equal("company.registered", "invoice.issued");
    }

    [Theory]
    [InlineData("?after=abc", "after")]
    [InlineData("?after=-1", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?types=company.exploded", "types")]
    public async Task Bad_query_parameters_are_a_validation_problem(string query, string field)
    {
        var client = fixture.App.Business(NewOwner());

        using var response = await client.GetAsync("/api/events" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ProblemTypeAsync()).Should().Be("validation");
        (await response.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task The_feed_needs_a_token()
    {
        using var response = await fixture.App.CreateClient().GetAsync("/api/events");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_changes_renewals_and_amendments_are_in_the_feed_with_their_public_fields_only()
    {
        var owner = NewOwner();
        var (company, applicationId) = await Scenario.CompanyWithInvoiceAsync(owner);
        var asked = Mails.ApplicationStatus(company, "UnderReview", "InformationRequested", "Which premises?", applicationId, version: 4);
        var renewed = Mails.LicenceRenewed(company, "LIC-FEED-1", new DateOnly(2031, 1, 31), new DateOnly(2032, 1, 31), 5);
        var amended = Mails.Amended(company, "Renamed LLC", "secret-office@company.test", "tk", 7, "legalName", "contactEmail");
        await Scenario.DeliverAsync(asked);
        await Scenario.DeliverAsync(renewed);
        await Scenario.DeliverAsync(amended);

        var client = fixture.App.Business(owner);
        var items = (await Scenario.FeedAsync(client, "?types=application.status-changed,licence.renewed,company.amended")).Items;

        items.Select(i => (i.Type, i.Id)).Should().Equal(
            ("application.status-changed", asked.Id), ("licence.renewed", renewed.Id), ("company.amended", amended.Id));
        items.Should().OnlyContain(i => i.RegistrationNumber == company);
        var status = items[0];
        status.Subject.GetProperty("applicationId").GetGuid().Should().Be(applicationId);
        status.Data.GetProperty("previousStatus").GetString().Should().Be("UnderReview");
        status.Data.GetProperty("status").GetString().Should().Be("InformationRequested");
        status.Data.GetProperty("message").GetString().Should().Be("Which premises?");
        status.Data.GetRawText().Should().NotContain("regulator-1", "who changed it is not shown");
        var renewal = items[1];
        renewal.Subject.GetProperty("licenceNumber").GetString().Should().Be("LIC-FEED-1");
        renewal.Subject.GetProperty("applicationId").GetGuid().Should().Be(renewed.RenewalApplicationId);
        renewal.Data.GetProperty("previousValidUntil").GetString().Should().Be("2031-01-31");
        renewal.Data.GetProperty("validUntil").GetString().Should().Be("2032-01-31");
        var amendment = items[2];
        amendment.Data.GetProperty("changedFields").GetArrayLength().Should().Be(2);
        amendment.Data.GetRawText().Should().NotContain("secret-office").And.NotContain("biz-amend").And.NotContain("\"tk\"");

        var stranger = fixture.App.Business(NewOwner());
        (await Scenario.FeedAsync(stranger, "?types=application.status-changed,licence.renewed,company.amended")).Items
            .Should().NotContain(i => i.RegistrationNumber == company);
    }
}

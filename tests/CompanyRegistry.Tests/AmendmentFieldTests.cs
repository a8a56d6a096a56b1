namespace CompanyRegistry.Tests;

/// <summary>PATCH /api/companies/{registrationNumber}: each amendable field, its validation, and a patch that changes nothing.</summary>
public sealed class AmendmentFieldTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task A_new_legal_name_is_answered_as_GET_answers_it_and_search_finds_it_instead_of_the_old()
    {
        var owner = app.Business("amend-name-owner");
        var number = (await owner.RegisterAsync("Quendor Old Trading")).RegistrationNumber;

        var amended = await (await owner.AmendAsync(number, new { legalName = "  Quendor   Brightwater " })).ReadAsync<CompanyBody>();

        amended.LegalName.Should().Be("Quendor Brightwater");
        (await owner.CompanyAsync(number)).Should().BeEquivalentTo(amended, Bodies.AsStored);
        (await app.SearchNamesAsync("q=brightwatr")).Should().Equal("Quendor Brightwater");
        (await app.SearchNamesAsync("q=quendor%20old")).Should().BeEmpty("the search tables follow the rename");
    }

    [Fact]
    public async Task A_new_address_is_held_to_the_registration_rules_and_stored_canonical()
    {
        var owner = app.Business("amend-address-owner");
        var number = (await owner.RegisterAsync("Address Mover")).RegistrationNumber;

        var amended = await (await owner.AmendAsync(number, new
        {
            address = new { line1 = " Oguzhan  street 7 ", line2 = (string?)null, city = "Mary", postalCode = "745000", country = "tm" },
        })).ReadAsync<CompanyBody>();

        amended.Address.Should().Be(new AddressBody("Oguzhan street 7", null, "Mary", null, "745000", "TM"));
        (await owner.CompanyAsync(number)).Address.Should().Be(amended.Address);
    }

    [Fact]
    public async Task New_activity_codes_replace_the_list_and_the_activity_filter_follows()
    {
        var owner = app.Business("amend-codes-owner");
        var number = (await owner.RegisterAsync("Codes Changer Varnox", activityCodes: ["47.11"])).RegistrationNumber;

        var amended = await (await owner.AmendAsync(number, new { activityCodes = new[] { "56.10", "56.10", "10.71" } })).ReadAsync<CompanyBody>();

        amended.ActivityCodes.Should().Equal("56.10", "10.71");
        (await owner.CompanyAsync(number)).ActivityCodes.Should().Equal("56.10", "10.71");
        (await app.SearchNamesAsync("q=varnox&activityCode=10.71")).Should().Equal("Codes Changer Varnox");
        (await app.SearchNamesAsync("q=varnox&activityCode=47.11")).Should().BeEmpty();
    }

    [Fact]
    public async Task Contact_email_and_language_are_set_then_the_email_cleared_by_null_and_neither_is_shown()
    {
        var owner = app.Business("amend-contact-owner");
        var number = (await owner.RegisterAsync("Contact Amender")).RegistrationNumber;

        // CompanyBody is read strictly: a contactEmail or preferredLanguage in the answer would fail the read.
        await (await owner.AmendAsync(number, """{ "contactEmail": " desk@amender.tm ", "preferredLanguage": "TK" }""")).ReadAsync<CompanyBody>();
        await (await owner.AmendAsync(number, """{ "contactEmail": null }""")).ReadAsync<CompanyBody>();

        var events = await app.AmendedEventsAsync(number);
        events.Select(e => (e.ContactEmail, e.PreferredLanguage, string.Join(",", e.ChangedFields))).Should().Equal(
            ("desk@amender.tm", "tk", "contactEmail,preferredLanguage"),
            (null, "tk", "contactEmail"));
        var history = await app.Regulator().HistoryAsync(number);
        history[^1].Changes.GetRawText().Should().NotContain("desk@", "the read endpoints do not show contact fields");
        history[^2].Changes.GetProperty("contactEmail").GetProperty("withheld").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("{}", "$")]
    [InlineData("[]", "$")]
    [InlineData("null", "$")]
    [InlineData("""{ "legalName": "  " }""", "legalName")]
    [InlineData("""{ "legalName": null }""", "legalName")]
    [InlineData("""{ "legalName": 42 }""", "legalName")]
    [InlineData("""{ "address": { "line1": "", "city": "Mary" } }""", "address.line1")]
    [InlineData("""{ "address": { "line1": "Street 1", "city": "Mary", "country": "XX" } }""", "address.country")]
    [InlineData("""{ "address": { "line1": 7, "city": "Mary" } }""", "address")]
    [InlineData("""{ "address": null }""", "address")]
    [InlineData("""{ "activityCodes": [] }""", "activityCodes")]
    [InlineData("""{ "activityCodes": ["47.1", "00.00"] }""", "activityCodes")]
    [InlineData("""{ "activityCodes": "47.11" }""", "activityCodes")]
    [InlineData("""{ "contactEmail": "Desk <desk@x.tm>" }""", "contactEmail")]
    [InlineData("""{ "contactEmail": 1 }""", "contactEmail")]
    [InlineData("""{ "preferredLanguage": "de" }""", "preferredLanguage")]
    [InlineData("""{ "taxId": "123456789012" }""", "taxId")]
    [InlineData("""{ "legalForm": "JSC", "legalName": "Fine Name" }""", "legalForm")]
    [InlineData("""{ "legalName": "One Name", "LegalName": "Other Name" }""", "legalName")]
    // JSON may escape an unpaired UTF-16 surrogate, which is no text at all: a field error, not a 500.
    [InlineData("""{ "legalName": "\ud800 Trading" }""", "legalName")]
    [InlineData("""{ "address": { "line1": "Street \udc00", "city": "Mary" } }""", "address")]
    [InlineData("""{ "activityCodes": ["47.11", "\ud800"] }""", "activityCodes")]
    [InlineData("""{ "contactEmail": "desk\ud800@x.tm" }""", "contactEmail")]
    public async Task A_bad_amendment_is_400_validation_naming_the_field_and_changes_nothing(string json, string field)
    {
        var owner = app.Business("amend-bad-owner");
        var company = await owner.RegisterAsync($"Bad Amendment {Guid.NewGuid():N}");

        var problem = await (await owner.AmendAsync(company.RegistrationNumber, json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem.Errors.Should().ContainKey(field);
        (await owner.CompanyAsync(company.RegistrationNumber)).Should().BeEquivalentTo(company, Bodies.AsStored);
        (await app.VersionAsync(company.RegistrationNumber)).Should().Be(1);
    }

    [Fact]
    public async Task Malformed_json_or_a_missing_body_is_400_not_500()
    {
        var owner = app.Business("amend-malformed-owner");
        var number = (await owner.RegisterAsync("Malformed Amendment")).RegistrationNumber;

        await (await owner.AmendAsync(number, """{ "legalName": """)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await owner.AmendAsync(number, "")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task An_amendment_that_changes_nothing_is_200_with_no_history_no_event_and_the_same_version()
    {
        var owner = app.Business("amend-noop-owner");
        var company = await owner.RegisterAsync("Nothing Changes", activityCodes: ["47.11", "10.71"]);

        var answer = await (await owner.AmendAsync(company.RegistrationNumber, new
        {
            legalName = "Nothing   Changes",
            activityCodes = new[] { "10.71", "47.11" },
            preferredLanguage = "en",
            contactEmail = (string?)null,
        })).ReadAsync<CompanyBody>();

        answer.Should().BeEquivalentTo(company, Bodies.AsStored);
        (await app.VersionAsync(company.RegistrationNumber)).Should().Be(1);
        (await app.Regulator().HistoryAsync(company.RegistrationNumber)).Should().ContainSingle();
        (await app.AmendedEventsAsync(company.RegistrationNumber)).Should().BeEmpty();
    }
}

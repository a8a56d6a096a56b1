namespace CompanyRegistry.Tests;

/// <summary>The optional contactEmail and preferredLanguage of a registration: validated, stored, published.</summary>
public sealed class ContactRegistrationTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    private static object WithContact(string legalName, string? contactEmail, string? preferredLanguage) => new
    {
        legalName,
        legalForm = "LLC",
        taxId = CompanyRegistryApp.NewTaxId(),
        address = new { line1 = "Magtymguly av. 12", city = "Ashgabat", country = "TM" },
        activityCodes = new[] { "47.11" },
        contactEmail,
        preferredLanguage,
    };

    private async Task<System.Text.Json.JsonElement> PublishedAsync(string number) =>
        (await app.OutboxAsync("company-registered")).Single(p => p.Str("registrationNumber") == number);

    [Fact]
    public async Task A_contact_email_and_language_are_published_with_company_registered()
    {
        var response = await app.Business("owner-contact-1").PostAsJsonAsync("/api/companies", WithContact("Contact Trading", "  office@contact.tm ", "RU"));
        var body = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());

        var evt = await PublishedAsync(body.Str("registrationNumber"));
        evt.Str("contactEmail").Should().Be("office@contact.tm");
        evt.Str("preferredLanguage").Should().Be("ru");
    }

    [Fact]
    public async Task Without_contact_fields_the_event_has_no_email_and_English()
    {
        var number = (await app.Business("owner-contact-2").RegisterAsync("No Contact Trading")).RegistrationNumber;

        var evt = await PublishedAsync(number);
        evt.GetProperty("contactEmail").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        evt.Str("preferredLanguage").Should().Be("en");
    }

    [Theory]
    [InlineData("not-an-email", null, "contactEmail")]
    [InlineData("Office <office@contact.tm>", null, "contactEmail")]
    [InlineData("office@localhost", null, "contactEmail")]
    [InlineData("two words@contact.tm", null, "contactEmail")]
    [InlineData("office@contact.tm", "de", "preferredLanguage")]
    public async Task A_bad_contact_field_is_400_validation_naming_it(string email, string? language, string field)
    {
        var response = await app.Business("owner-contact-3").PostAsJsonAsync("/api/companies", WithContact("Bad Contact Trading", email, language));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors.Should().ContainKey(field);
    }
}

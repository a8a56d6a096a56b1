using System.Text.Json;

namespace LicenceApplications.Tests;

public sealed class CatalogueTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Catalogue_is_public_and_ships_at_least_six_types_some_needing_review()
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/api/licence-types");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var types = (await response.ReadJsonAsync()).EnumerateArray().ToList();
        types.Should().HaveCountGreaterThanOrEqualTo(6);
        types.Should().Contain(t => t.GetProperty("requiresReview").GetBoolean());
        types.Should().Contain(t => !t.GetProperty("requiresReview").GetBoolean());

        var pharmacy = types.Single(t => t.GetProperty("code").GetString() == "PHARMACY");
        pharmacy.GetProperty("currency").GetString().Should().Be("TMT");
        pharmacy.GetProperty("fee").GetDecimal().Should().Be(2500.00m);
        pharmacy.GetProperty("validityMonths").GetInt32().Should().Be(36);
        pharmacy.GetProperty("eligibleActivityCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("47.73");
        pharmacy.GetProperty("renewalWindowDays").GetInt32().Should().Be(90);
        pharmacy.GetProperty("renewalGraceDays").GetInt32().Should().Be(30);
        pharmacy.GetProperty("reviewDays").GetInt32().Should().Be(30);
        pharmacy.GetProperty("requiredDocuments").EnumerateArray().Select(c => c.GetString())
            .Should().Equal("pharmacist-diploma", "premises-floor-plan");
        // Every type that needs review names what a regulator must see; the others need none.
        types.Should().OnlyContain(t => t.GetProperty("requiresReview").GetBoolean() == (t.GetProperty("requiredDocuments").GetArrayLength() > 0));
    }

    [Fact]
    public async Task Catalogue_fees_have_two_decimals_and_a_currency()
    {
        using var anonymous = app.CreateClient();
        var types = await anonymous.GetJsonAsync("/api/licence-types");

        foreach (var type in types.EnumerateArray())
        {
            type.GetProperty("fee").ValueKind.Should().Be(JsonValueKind.Number);
            decimal.Round(type.GetProperty("fee").GetDecimal(), 2).Should().Be(type.GetProperty("fee").GetDecimal());
            type.GetProperty("currency").GetString().Should().HaveLength(3);
        }
    }

    [Fact]
    public async Task Every_activity_code_the_catalogue_names_exists_in_the_registrys_classification()
    {
        // The registry's shipped classification, read from its source tree (a company can only hold codes from it).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "G2B.Licensing.slnx")))
        {
            root = root.Parent;
        }

        var file = Path.Combine(root!.FullName, "services/CompanyRegistry/CompanyRegistry.Api/Domain/nace-rev2.json");
        using var nace = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var classes = nace.RootElement.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("divisions").EnumerateArray())
            .SelectMany(d => d.GetProperty("groups").EnumerateArray())
            .SelectMany(g => g.GetProperty("classes").EnumerateArray())
            .Select(c => c.GetProperty("code").GetString()!)
            .ToHashSet();
        classes.Should().HaveCount(615);

        var named = (await (await app.CreateClient().GetAsync("/api/licence-types")).ReadJsonAsync()).EnumerateArray()
            .SelectMany(t => t.GetProperty("eligibleActivityCodes").EnumerateArray().Select(c => c.GetString()!))
            .Distinct().ToList();

        named.Should().NotBeEmpty().And.Contain("42.99");
        named.Should().OnlyContain(code => classes.Contains(code));
    }
}

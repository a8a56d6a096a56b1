using System.Net.Http.Json;
using CompanyRegistry.Api.Domain;
using CompanyRegistry.Tests.Support;

namespace CompanyRegistry.Tests;

/// <summary>GET /api/activity-codes names the classes in the language Accept-Language asks for; nothing else about it changes.</summary>
public sealed class ActivityCodeLanguageTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    private static readonly ActivityCodeCatalog Catalog = ActivityCodeCatalog.Load();

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en", "en")]
    [InlineData("ru", "ru")]
    [InlineData("tk", "tk")]
    [InlineData("ru-RU", "ru")]
    [InlineData("TK-tm", "tk")]
    [InlineData("fr", "en")]
    [InlineData("de-DE, fr;q=0.9", "en")]
    [InlineData("*", "en")]
    [InlineData("fr, tk;q=0.5, en;q=0.4", "tk")]
    [InlineData("en;q=0.3, ru;q=0.8", "ru")]
    [InlineData("ru;q=0, tk;q=0.2", "tk")]
    [InlineData("ru;q=0", "en")]
    [InlineData("@@ not a language ;;;", "en")]
    public async Task Names_follow_accept_language_with_the_same_codes_in_the_same_order(string? acceptLanguage, string expected)
    {
        var response = await GetAsync(acceptLanguage);
        var codes = await response.ReadAsync<List<ActivityCodeBody>>();

        response.Content.Headers.ContentLanguage.Should().Equal(expected);
        response.Headers.Vary.Should().Contain("Accept-Language");
        codes.Select(c => (c.Code, c.Section, c.Division, c.Group))
            .Should().Equal(Catalog.All.Select(c => (c.Code, c.Section, c.Division, c.Group)), "only the names depend on the language");
        codes.Should().Equal(Catalog.In(expected).Select(c => new ActivityCodeBody(
            c.Code, c.Name, c.Section, c.SectionName, c.Division, c.DivisionName, c.Group, c.GroupName)));
    }

    [Fact]
    public async Task Each_language_names_a_pharmacy_in_its_own_words()
    {
        async Task<ActivityCodeBody> PharmacyIn(string? language) =>
            (await (await GetAsync(language)).ReadAsync<List<ActivityCodeBody>>()).Single(c => c.Code == "47.73");

        (await PharmacyIn(null)).Should().Be(new ActivityCodeBody("47.73", "Dispensing chemist in specialised stores",
            "G", "Wholesale and retail trade; repair of motor vehicles and motorcycles",
            "47", "Retail trade, except of motor vehicles and motorcycles", "47.7", "Retail sale of other goods in specialised stores"));
        (await PharmacyIn("ru")).Should().Be(new ActivityCodeBody("47.73",
            "Торговля розничная лекарственными средствами в специализированных магазинах (аптеках)",
            "G", "Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов",
            "47", "Торговля розничная, кроме торговли автотранспортными средствами и мотоциклами",
            "47.7", "Торговля розничная прочими товарами в специализированных магазинах"));
        (await PharmacyIn("tk")).Should().Be(new ActivityCodeBody("47.73",
            "Ýöriteleşdirilen dükanlarda (dermanhanalarda) derman serişdeleriniň bölek söwdasy",
            "G", "Lomaý we bölek söwda; awtoulaglary we motosiklleri abatlamak",
            "47", "Awtoulaglardan we motosikllerden başga bölek söwda",
            "47.7", "Ýöriteleşdirilen dükanlarda beýleki harytlaryň bölek söwdasy"));
    }

    [Fact]
    public async Task A_class_chosen_from_translated_names_registers_by_its_code_and_the_company_reads_the_same_in_any_language()
    {
        var russian = await (await GetAsync("ru")).ReadAsync<List<ActivityCodeBody>>();
        var code = russian.Single(c => c.Name == "Торговля розничная лекарственными средствами в специализированных магазинах (аптеках)").Code;

        var client = app.Business("nace-language-owner");
        var company = await client.RegisterAsync("Dermanhana Lang", activityCodes: [code]);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tk");
        var readInTurkmen = await client.CompanyAsync(company.RegistrationNumber);

        company.ActivityCodes.Should().Equal("47.73");
        readInTurkmen.Should().BeEquivalentTo(company, Bodies.AsStored, "a company carries codes, never names");
    }

    private async Task<HttpResponseMessage> GetAsync(string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/activity-codes");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }
        return await app.CreateClient().SendAsync(request);
    }

    private sealed record ActivityCodeBody(
        string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);
}

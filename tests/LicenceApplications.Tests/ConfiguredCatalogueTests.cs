using System.Net;
using System.Text.Json;
using LicenceApplications.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace LicenceApplications.Tests;

/// <summary>
/// The <c>Catalogue</c> section: hosts started over one database with different settings, as successive
/// deployments; every host reads the catalogue from the database, so the fixture's own host sees what they wrote.
/// </summary>
public sealed class ConfiguredCatalogueTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private const string Stall = "Catalogue:Types:MARKET-STALL";

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) => app.WithSettings(settings);

    private Exception StartFailure(params (string Key, string Value)[] settings) => app.StartFailure(settings);

    private static (string, string)[] MarketStall(string fee = "42.50") =>
    [
        ($"{Stall}:Name", "Market stall permit"), ($"{Stall}:Fee", fee), ($"{Stall}:ValidityMonths", "6"),
        ($"{Stall}:RenewalWindowDays", "400"), ($"{Stall}:EligibleActivityCodes:0", "47.81"),
    ];

    private async Task<List<JsonElement>> TypesAsync() =>
        (await app.CreateClient().GetJsonAsync("/api/licence-types")).EnumerateArray().ToList();

    [Fact]
    public async Task A_configured_type_joins_the_shipped_ones_with_their_defaults_and_its_window_lets_a_new_licence_renew()
    {
        var shipped = await TypesAsync();
        using (var host = Host(MarketStall()))
        {
            _ = host.Server;
        }

        var types = await TypesAsync();
        types.Select(t => t.GetProperty("code").GetString())
            .Should().BeEquivalentTo(shipped.Select(t => t.GetProperty("code").GetString()).Append("MARKET-STALL"));
        var stall = types.Single(t => t.GetProperty("code").GetString() == "MARKET-STALL");
        stall.GetProperty("name").GetString().Should().Be("Market stall permit");
        stall.GetProperty("fee").GetDecimal().Should().Be(42.50m);
        stall.GetProperty("currency").GetString().Should().Be("TMT");
        stall.GetProperty("validityMonths").GetInt32().Should().Be(6);
        stall.GetProperty("requiresReview").GetBoolean().Should().BeFalse();
        stall.GetProperty("eligibleActivityCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("47.81");
        (stall.GetProperty("renewalWindowDays").GetInt32(), stall.GetProperty("renewalGraceDays").GetInt32(), stall.GetProperty("reviewDays").GetInt32())
            .Should().Be((400, 30, 30));
        stall.GetProperty("requiredDocuments").GetArrayLength().Should().Be(0);

        // A company trading at markets gets the permit on payment; a 6-month licence is inside a 400-day window at once.
        var company = await app.RegisterCompanyAsync("stall-owner", ["47.81"]);
        var owner = app.Business("stall-owner");
        var application = await owner.SubmitOkAsync(company, "MARKET-STALL");
        application.GetProperty("fee").GetDecimal().Should().Be(42.50m);
        var paid = await app.PayAsync(application.GetProperty("applicationId").GetGuid());
        paid.GetProperty("status").GetString().Should().Be("Issued");
        var licence = paid.GetProperty("licenceNumber").GetString()!;
        var issuedUntil = await app.ValidUntilAsync(licence);
        var renewal = await owner.RenewOkAsync(licence);
        (await app.PayAsync(renewal)).GetProperty("status").GetString().Should().Be("Issued");
        (await app.ValidUntilAsync(licence)).Should().Be(issuedUntil.AddDays(1).AddMonths(6).AddDays(-1), "the configured 6 months, from the old end");
    }

    [Fact]
    public async Task Configuration_redefines_a_shipped_type_and_a_start_with_the_same_settings_rewrites_nothing()
    {
        const string Advertising = "Catalogue:Types:ADVERTISING";
        (string, string)[] settings = [($"{Advertising}:Name", "Outdoor advertising permit"), ($"{Advertising}:Fee", "350.00"), ($"{Advertising}:ValidityMonths", "24")];
        using (var host = Host(settings))
        {
            _ = host.Server;
        }

        var type = (await TypesAsync()).Single(t => t.GetProperty("code").GetString() == "ADVERTISING");
        (type.GetProperty("fee").GetDecimal(), type.GetProperty("validityMonths").GetInt32()).Should().Be((350.00m, 24));
        var written = await RowVersionAsync("ADVERTISING");

        using (var again = Host(settings))
        {
            _ = again.Server;
        }

        (await RowVersionAsync("ADVERTISING")).Should().Be(written, "an identical row is left alone");

        using (var changed = Host([.. settings[..2], ($"{Advertising}:ValidityMonths", "12")]))
        {
            _ = changed.Server;
        }

        (await RowVersionAsync("ADVERTISING")).Should().NotBe(written);
        (await TypesAsync()).Single(t => t.GetProperty("code").GetString() == "ADVERTISING")
            .GetProperty("validityMonths").GetInt32().Should().Be(12);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Fee", "-1", $"{Stall}:Fee" },
        { "Fee", "1.234", $"{Stall}:Fee" },
        { "Fee", "plenty", $"{Stall}:Fee" },
        { "ValidityMonths", "0", $"{Stall}:ValidityMonths" },
        { "Currency", "tmt", $"{Stall}:Currency" },
        { "RenewalWindowDays", "-5", $"{Stall}:RenewalWindowDays" },
        { "ReviewDays", "0", $"{Stall}:ReviewDays" },
        { "EligibleActivityCodes:1", "4781", "'4781' is not a NACE Rev. 2 class" },
        { "RequiredDocuments:0", "permit-photo", $"{Stall}:RequiredDocuments needs RequiresReview" },
        { "ValidityMonth", "6", "ValidityMonth" },
        { "Name", " ", $"{Stall}:Name" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_catalogue_setting_stops_the_start_and_names_the_setting(string key, string value, string named)
    {
        StartFailure([.. MarketStall(), ($"{Stall}:{key}", value)]).Message.Should().Contain(named);
    }

    [Fact]
    public void A_configured_type_without_a_name_fee_or_validity_is_refused_and_so_are_a_lower_case_code_and_a_misspelt_section()
    {
        StartFailure(("Catalogue:Types:BARE:RequiresReview", "true")).Message.Should()
            .Contain("Catalogue:Types:BARE:Name").And.Contain("Catalogue:Types:BARE:Fee").And.Contain("Catalogue:Types:BARE:ValidityMonths");

        StartFailure(("Catalogue:Types:kiosk:Name", "Kiosk"), ("Catalogue:Types:kiosk:Fee", "10"), ("Catalogue:Types:kiosk:ValidityMonths", "12"))
            .Message.Should().Contain("Catalogue:Types:kiosk: the code must be upper-case");

        StartFailure(("Catalogue:Type:KIOSK:Name", "Kiosk")).Message.Should().Contain("Catalogue:Type is not a setting");
    }

    private async Task<string> RowVersionAsync(string code)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xmin::text FROM licence_types WHERE code = @code", connection);
        command.Parameters.AddWithValue("code", code);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

using Npgsql;
using CompanyRegistry.Api.Domain;

namespace CompanyRegistry.Tests;

public sealed class RegistrationTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    [Fact]
    public async Task Registration_returns_201_with_a_checked_number_location_and_canonical_fields()
    {
        var client = app.Business("owner-reg-1");
        var response = await client.PostAsJsonAsync("/api/companies", new
        {
            legalName = "  Berkarar   Gurluşyk  ",
            legalForm = "JSC",
            taxId = "123456789012",
            address = new { line1 = "Bitarap Türkmenistan 5", city = "Ashgabat", country = "tm" },
            activityCodes = new[] { "41.20", "41.20", "43.21" },
        });

        var body = await response.ReadAsync<CompanyBody>(HttpStatusCode.Created);
        var number = body.RegistrationNumber;
        RegistrationNumber.TryNormalize(number, out var canonical).Should().BeTrue();
        canonical.Should().Be(number).And.StartWith($"RC-{DateTime.UtcNow.Year}-");
        response.Headers.Location!.ToString().Should().Be($"/api/companies/{number}");
        body.Should().BeEquivalentTo(new
        {
            LegalName = "Berkarar Gurluşyk",
            LegalForm = "JSC",
            TaxId = "123456789012",
            Status = "Active",
            Address = new AddressBody("Bitarap Türkmenistan 5", null, "Ashgabat", null, null, "TM"),
            ActivityCodes = new[] { "41.20", "43.21" },
            Licences = Array.Empty<LicenceBody>(),
        }, o => o.WithStrictOrdering());
        (await client.CompanyAsync(number)).Should().BeEquivalentTo(body, Bodies.AsStored, "a GET answers what the registration did");
    }

    [Fact]
    public async Task Registration_publishes_company_registered_with_the_owner_through_the_outbox()
    {
        var company = await app.Business("owner-reg-2").RegisterAsync("Outbox Trading");
        var number = company.RegistrationNumber;

        var events = await app.OutboxAsync("company-registered");
        var evt = events.Single(p => p.Str("registrationNumber") == number);
        evt.Str("ownerSubject").Should().Be("owner-reg-2");
        evt.Str("legalName").Should().Be("Outbox Trading");
        evt.Str("status").Should().Be("Active");
        evt.GetProperty("activityCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("47.11");
    }

    [Fact]
    public async Task Registration_numbers_are_sequential_within_the_year()
    {
        var client = app.Business("owner-reg-3");
        var first = (await client.RegisterAsync("Sequence One")).RegistrationNumber;
        var second = (await client.RegisterAsync("Sequence Two")).RegistrationNumber;

        long Sequence(string n) => long.Parse(n.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture);
        Sequence(second).Should().Be(Sequence(first) + 1);
    }

    [Fact]
    public async Task Invalid_fields_are_400_validation_with_every_field_named()
    {
        var response = await app.Business("owner-reg-4").PostAsJsonAsync("/api/companies", new
        {
            legalName = "   ",
            legalForm = "Corporation",
            taxId = "12AB",
            address = new { line1 = "", city = (string?)null, country = "XX" },
            activityCodes = new[] { "47.1", "00.00" },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors!.Keys.Should().BeEquivalentTo("legalName", "legalForm", "taxId", "address.line1", "address.city", "address.country", "activityCodes");
        problem.Errors["activityCodes"].Should().HaveCount(2);
    }

    [Theory]
    [InlineData("JSC,SoleProprietor")] // Enum.TryParse would OR these into Partnership
    [InlineData("LLC, JSC")]
    [InlineData("2")]
    public async Task A_legal_form_is_one_of_its_names_never_a_number_or_a_list(string legalForm)
    {
        var response = await app.Business("owner-reg-form").PostAsJsonAsync("/api/companies",
            Requests.Registration($"Legal Form {Guid.NewGuid():N}", legalForm: legalForm));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors!.Keys.Should().Equal("legalForm");
    }

    [Fact]
    public async Task Missing_address_and_activity_codes_are_field_errors()
    {
        var response = await app.Business("owner-reg-5").PostAsJsonAsync("/api/companies", new
        {
            legalName = "No Address Ltd",
            legalForm = "LLC",
            taxId = CompanyRegistryApp.NewTaxId(),
            activityCodes = Array.Empty<string>(),
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.Errors!.Keys.Should().BeEquivalentTo("address", "activityCodes");
    }

    [Fact]
    public async Task Malformed_json_is_400_not_500()
    {
        using var content = new StringContent("{ \"legalName\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await app.Business("owner-reg-6").PostAsync("/api/companies", content);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Duplicate_tax_id_is_409_duplicate_tax_id()
    {
        var taxId = CompanyRegistryApp.NewTaxId();
        await app.Business("owner-reg-7").RegisterAsync("First Holder", taxId);

        var response = await app.Business("owner-reg-8").PostAsJsonAsync("/api/companies", Requests.Registration("Second Holder", taxId));
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-tax-id");
    }

    [Fact]
    public async Task A_name_used_by_an_active_company_is_409_whatever_the_case_or_accents()
    {
        await app.Business("owner-reg-9").RegisterAsync("Ýyldyz Söwda");

        var response = await app.Business("owner-reg-10").PostAsJsonAsync("/api/companies", Requests.Registration("  yyldyz   SOWDA "));
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-name");
    }

    [Fact]
    public async Task A_taken_tax_id_is_named_before_a_taken_name()
    {
        var taxId = CompanyRegistryApp.NewTaxId();
        await app.Business("owner-reg-13").RegisterAsync("Altyn Ýol", taxId);
        await app.Business("owner-reg-14").RegisterAsync("Kümüş Ýol");

        var response = await app.Business("owner-reg-15").PostAsJsonAsync("/api/companies", Requests.Registration("Kümüş Ýol", taxId));
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-tax-id");
    }

    /// <summary>Issue 16: the early answers (tax id taken, name taken) are one statement, before the transaction.</summary>
    [Fact]
    public async Task A_registration_checks_its_tax_id_and_name_in_one_statement()
    {
        List<string> traced;
        using (var statements = NpgsqlStatements.Of(new NpgsqlConnectionStringBuilder(app.ConnectionString).Database))
        {
            await app.Business("owner-reg-16").RegisterAsync("Bir Sorag Trading");
            traced = statements.Texts;
        }

        var draw = traced.FindIndex(s => s.Contains("registration_counters", StringComparison.Ordinal));
        draw.Should().BeGreaterThan(0, "the registration number's draw was traced");
        traced.Take(draw).Where(s => s.Contains("FROM companies", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("tax_id").And.Contain("name_normalized");
    }

    [Fact]
    public async Task A_dissolved_company_frees_its_name()
    {
        var owner = app.Business("owner-reg-11");
        var company = await owner.RegisterAsync("Phoenix Works");
        (await owner.PostAsync($"/api/companies/{company.RegistrationNumber}/dissolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await app.Business("owner-reg-12").RegisterAsync("Phoenix Works");
    }

    [Fact]
    public async Task Parallel_registrations_with_the_same_tax_id_one_wins_the_other_gets_409()
    {
        var taxId = CompanyRegistryApp.NewTaxId();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            app.Business($"racer-{i}").PostAsJsonAsync("/api/companies", Requests.Registration($"Racer Company {i}", taxId))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate-tax-id");
        }
        (await app.ScalarAsync("SELECT count(*) FROM companies WHERE tax_id = $1", taxId)).Should().Be(1);
    }

    [Fact]
    public async Task Parallel_registrations_get_distinct_gap_free_numbers()
    {
        var before = await app.ScalarAsync("SELECT coalesce(max(last_value), 0) FROM registration_counters");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.Business("parallel-owner").RegisterAsync($"Parallel Company {i}")));

        var sequences = responses.Select(r => long.Parse(r.RegistrationNumber.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        sequences.Should().OnlyHaveUniqueItems();
        (await app.ScalarAsync("SELECT max(last_value) FROM registration_counters")).Should().Be(before + 8);
    }

    [Fact]
    public async Task Registration_needs_a_business_token()
    {
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/companies", Requests.Registration("Anonymous Co"));
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var regulator = await app.Regulator().PostAsJsonAsync("/api/companies", Requests.Registration("Regulator Co"));
        regulator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Activity_codes_are_served_anonymously_with_names()
    {
        var codes = await app.CreateClient().GetFromJsonAsync<List<ActivityCodeDto>>("/api/activity-codes");
        codes.Should().Contain(new ActivityCodeDto("47.73", "Dispensing chemist in specialised stores", "G"));
        codes!.Select(c => c.Section).Distinct().Should().HaveCount(21);
    }

    [Fact]
    public async Task Activity_codes_carry_their_division_and_group_and_every_class_registers()
    {
        var codes = await app.CreateClient().GetFromJsonAsync<List<ActivityCodeTreeDto>>("/api/activity-codes");

        codes.Should().HaveCount(615);
        codes.Should().ContainEquivalentOf(new ActivityCodeTreeDto("42.99", "Construction of other civil engineering projects n.e.c.", "F",
            "42", "Civil engineering", "42.9", "Construction of other civil engineering projects"));
        var company = await app.Business("nace-owner").RegisterAsync("Nace Builders", activityCodes: ["42.99", "43.13", "43.29"]);
        company.ActivityCodes.Should().Equal("42.99", "43.13", "43.29");
    }

    private sealed record ActivityCodeDto(string Code, string Name, string Section);

    private sealed record ActivityCodeTreeDto(
        string Code, string Name, string Section, string Division, string DivisionName, string Group, string GroupName);
}

using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Hostile identifiers in paths and hostile query values, for every reading endpoint and every kind of caller.</summary>
public sealed class BadInputPathQueryTests(EndToEndSuite suite) : BadInputTests(suite)
{
    [Fact]
    public async Task Hostile_identifiers_in_paths_get_a_problem_for_every_caller()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var failures = new List<string>();
        foreach (var segment in BadInputCases.BadPathSegments().Concat(BadInputCases.NearLicenceNumbers(world.LicenceNumber)))
        {
            foreach (var route in PathRoute.All(world))
            {
                var path = route.PathWith(segment);
                var answer = await Probe.SendAsync(route.HttpMethod, path, route.Token, route.Body, route.ContentType, signedByBank: route.Bank);
                Collect(failures, $"{route.Method} {path} as {Who(world, route.Token, route.Bank)}",
                    () => answer.ShouldBeClientProblemOrServerRejected());
            }
        }

        AllPassed(failures);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1e2", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=%00%FF", "cursor")]
    [InlineData("cursor=eyJ4IjoxfQ", "cursor")]
    [InlineData("cursor=00000000000000000000000000000000000000000000", "cursor")]
    [InlineData("status=Bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=%27%20OR%201%3D1--", "status")]
    public async Task Bad_paging_and_filters_on_every_list_get_a_validation_problem_naming_the_field(string query, string field)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var lists = new List<(string Path, string Token)>
        {
            ($"/api/companies?{query}", world.Regulator),
            ($"/api/applications?{query}", world.Regulator),
            ($"/api/applications?{query}", world.Business),
            ($"/api/licences?{query}", world.Regulator),
            ($"/api/licences?{query}", world.Business),
        };
        if (field != "status")
        {
            lists.Add(($"/api/payments/exceptions?{query}", world.Regulator));
        }

        foreach (var (path, token) in lists)
        {
            await ShouldBeRefusedNamingAsync(path, token, field);
        }
    }

    [Theory]
    [InlineData("/api/applications?overdue=yes", "overdue")]
    [InlineData("/api/applications?overdue=1", "overdue")]
    [InlineData("/api/applications?overdue=True", "overdue")]
    [InlineData("/api/applications?overdue=true&overdue=false", "overdue")]
    [InlineData("/api/applications?sort=reviewdueat", "sort")]
    [InlineData("/api/applications?sort=-reviewDueAt", "sort")]
    [InlineData("/api/applications?sort=submittedAt", "sort")]
    [InlineData("/api/applications?sort=reviewDueAt%00", "sort")]
    [InlineData("/api/applications?sort=reviewDueAt&sort=reviewDueAt", "sort")]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=0195a1b2c3d47e5f8a9b0c1d2e3f4a5b", "cursor")] // the default order's
    [InlineData("/api/applications?cursor=638000000000000000-0195a1b2c3d47e5f8a9b0c1d2e3f4a5b", "cursor")] // the due order's
    [InlineData("/api/applications?sort=reviewDueAt&cursor=99999999999999999999-0195a1b2c3d47e5f8a9b0c1d2e3f4a5b", "cursor")]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=3155378976000000000-0195a1b2c3d47e5f8a9b0c1d2e3f4a5b", "cursor")]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=-1-0195a1b2c3d47e5f8a9b0c1d2e3f4a5b", "cursor")]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=1-", "cursor")]
    [InlineData("/api/applications?status=Issued%2CRejected", "status")]
    [InlineData("/api/applications?status=1%2C2", "status")]
    [InlineData("/api/applications?status=UnderAppeal%2C", "status")]
    [InlineData("/api/licences?eligibilityLapsed=yes", "eligibilityLapsed")]
    [InlineData("/api/licences?eligibilityLapsed=0", "eligibilityLapsed")]
    [InlineData("/api/licences?eligibilityLapsed=FALSE", "eligibilityLapsed")]
    [InlineData("/api/licences?status=Active%2CSurrendered", "status")]
    [InlineData("/api/licences?status=0%2C1", "status")]
    [InlineData("/api/licences?status=Lapsed", "status")]
    [InlineData("/api/licences?registrationNumber=%00", "registrationNumber")]
    [InlineData("/api/licences?cursor=%E2%80%AE%F0%9F%92%A9", "cursor")]
    public async Task Bad_values_of_the_new_list_parameters_get_a_validation_problem_naming_the_parameter(string path, string field)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        foreach (var token in new[] { world.Regulator, world.Business })
        {
            await ShouldBeRefusedNamingAsync(path, token, field);
        }
    }

    [Theory]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=0-00000000000000000000000000000000")]
    [InlineData("/api/applications?sort=reviewDueAt&cursor=3155378975999999999-ffffffffffffffffffffffffffffffff")]
    [InlineData("/api/applications?cursor=ffffffffffffffffffffffffffffffff&overdue=false&status=underreview")]
    [InlineData("/api/licences?cursor=ZZZZ-9999-999999&eligibilityLapsed=true&status=SURRENDERED")]
    public async Task Extreme_but_well_formed_list_parameters_answer_a_page_never_a_500(string path)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var answer = await Probe.SendAsync(HttpMethod.Get, path, world.Regulator, body: null);
        answer.Status.Should().Be(200, "{0}", answer);
        JsonDocument.Parse(answer.Body).RootElement.GetProperty("items").ValueKind.Should().Be(JsonValueKind.Array, "{0}", answer);
    }

    [Theory]
    [InlineData("/api/companies?q=%27%3B%20DROP%20TABLE%20companies%3B%20--")]
    [InlineData("/api/companies?q=%25%25%25_%5C")]
    [InlineData("/api/companies?q=%00")]
    [InlineData("/api/companies?q=%F0%9F%92%A9%E2%80%AE")]
    [InlineData("/api/companies?q=%27%20OR%20%271%27%3D%271")]
    [InlineData("/api/companies?activityCode=47.11%27--")]
    [InlineData("/api/companies?licenceType=%27%20OR%20%271%27%3D%271")]
    [InlineData("/api/companies?q=a&q=b&limit=1&limit=2")]
    [InlineData("/api/applications?registrationNumber=%27%20OR%20%271%27%3D%271")]
    [InlineData("/api/applications?registrationNumber=%00")]
    public async Task Injection_shaped_search_terms_find_nothing_or_are_refused_never_a_500(string path)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var answer = await Probe.SendAsync(HttpMethod.Get, path, world.Regulator, body: null);
        if (answer.Status == 200)
        {
            // Free text is allowed here; what matters is that it matched as text, not as SQL.
            var page = JsonSerializer.Deserialize<SearchPage>(answer.Body, SuiteApi.Json)!;
            page.Items.Select(i => i.RegistrationNumber).Should().NotContain(world.Company.RegistrationNumber, "{0}", answer);
        }
        else
        {
            answer.ShouldBeClientProblem(400);
        }
    }

    [Fact]
    public async Task Missing_forged_or_wrong_role_tokens_get_401_and_403_problems()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        // A token claiming the regulator role, unsigned: the classic alg=none forgery.
        var forged = $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64("{\"sub\":\"x\",\"role\":\"regulator\"}")}.";
        var searches = "/api/companies?q=Bad";
        foreach (var token in new[] { "garbage", forged, world.Business + "x", new string('a', 4000) })
        {
            (await Probe.SendAsync(HttpMethod.Get, searches, token, body: null)).ShouldBeClientProblem(401);
            (await Probe.SendAsync(HttpMethod.Get, $"/api/applications/{world.Application.ApplicationId}", token, body: null))
                .ShouldBeClientProblem(401);
        }

        (await Probe.SendAsync(HttpMethod.Get, searches, null, body: null)).ShouldBeClientProblem(401);
        (await Probe.SendAsync(HttpMethod.Get, searches, world.Business, body: null)).ShouldBeClientProblem(403);
        (await Probe.SendAsync(HttpMethod.Get, "/api/payments/exceptions", world.Business, body: null)).ShouldBeClientProblem(403);
        (await Probe.SendAsync(HttpMethod.Post, $"/api/applications/{world.Application.ApplicationId}/decision", world.Business,
            "{\"approve\":true,\"reason\":\"mine\"}")).ShouldBeClientProblem(403);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    /// <summary>GET <paramref name="path"/> is 400 validation with <paramref name="field"/> among the errors.</summary>
    private async Task ShouldBeRefusedNamingAsync(string path, string token, string field)
    {
        var answer = await Probe.SendAsync(HttpMethod.Get, path, token, body: null);
        var problem = answer.ShouldBeClientProblem(400, fieldErrors: true);
        problem.Errors!.Keys.Should().Contain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase), "{0}", answer);
    }

    private static string B64(string json) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Who(BadInputWorld world, string? token, bool bank) =>
        bank ? "bank" : token is null ? "anonymous" : token == world.Regulator ? "regulator" : "business";
}

/// <summary>The part of a search answer these tests read.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items);

public sealed record SearchHit(string RegistrationNumber);

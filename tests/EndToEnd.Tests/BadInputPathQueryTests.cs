using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>Hostile identifiers in paths and hostile query values, for every reading endpoint and every kind of caller.</summary>
[Collection(SuiteCollection.Name)]
public sealed class BadInputPathQueryTests(SuiteFixture suite) : IDisposable
{
    private readonly BadInputProbe _probe = new(suite);

    [Fact]
    public async Task Hostile_identifiers_in_paths_get_a_problem_for_every_caller()
    {
        var world = await BadInputWorld.GetAsync(suite);
        var failures = new List<string>();
        foreach (var segment in BadInputCases.BadPathSegments())
        {
            var requests = new (string Path, string? Token, bool Bank)[]
            {
                ($"/api/companies/{segment}", world.Regulator, false),
                ($"/api/companies/{segment}", world.Business, false),
                ($"/api/companies/{segment}", null, false),
                ($"/api/companies/{segment}/history", world.Regulator, false),
                ($"/api/applications/{segment}", world.Regulator, false),
                ($"/api/applications/{segment}", world.Business, false),
                ($"/api/licences/{segment}", world.Regulator, false),
                ($"/api/invoices/{segment}", world.Business, false),
                ($"/api/invoices/{segment}", world.Regulator, false),
                ($"/verify/licences/{segment}", null, false),
                ($"/bank/v1/bills/{segment}", null, true),
                ($"/api/licence-types/{segment}", null, false),
            };
            foreach (var (path, token, bank) in requests)
            {
                var answer = await _probe.SendAsync(HttpMethod.Get, path, token, body: null, signedByBank: bank);
                BadInputBodyTests.Collect(failures, $"{path} as {Who(world, token, bank)}", () => answer.ShouldBeClientProblemOrServerRejected());
            }
        }

        BadInputBodyTests.AllPassed(failures);
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
        var world = await BadInputWorld.GetAsync(suite);
        var lists = new List<(string Path, string Token)>
        {
            ($"/api/companies?{query}", world.Regulator),
            ($"/api/applications?{query}", world.Regulator),
            ($"/api/applications?{query}", world.Business),
        };
        if (field != "status")
        {
            lists.Add(($"/api/payments/exceptions?{query}", world.Regulator));
        }

        foreach (var (path, token) in lists)
        {
            var answer = await _probe.SendAsync(HttpMethod.Get, path, token, body: null);
            var problem = answer.ShouldBeClientProblem(400, fieldErrors: true);
            problem.Errors!.Keys.Should().Contain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase), "{0}", answer);
        }
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
        var world = await BadInputWorld.GetAsync(suite);
        var answer = await _probe.SendAsync(HttpMethod.Get, path, world.Regulator, body: null);
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
        var world = await BadInputWorld.GetAsync(suite);
        // A token claiming the regulator role, unsigned: the classic alg=none forgery.
        var forged = $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64("{\"sub\":\"x\",\"role\":\"regulator\"}")}.";
        var searches = "/api/companies?q=Bad";
        foreach (var token in new[] { "garbage", forged, world.Business + "x", new string('a', 4000) })
        {
            (await _probe.SendAsync(HttpMethod.Get, searches, token, body: null)).ShouldBeClientProblem(401);
            (await _probe.SendAsync(HttpMethod.Get, $"/api/applications/{world.Application.ApplicationId}", token, body: null))
                .ShouldBeClientProblem(401);
        }

        (await _probe.SendAsync(HttpMethod.Get, searches, null, body: null)).ShouldBeClientProblem(401);
        (await _probe.SendAsync(HttpMethod.Get, searches, world.Business, body: null)).ShouldBeClientProblem(403);
        (await _probe.SendAsync(HttpMethod.Get, "/api/payments/exceptions", world.Business, body: null)).ShouldBeClientProblem(403);
        (await _probe.SendAsync(HttpMethod.Post, $"/api/applications/{world.Application.ApplicationId}/decision", world.Business,
            "{\"approve\":true,\"reason\":\"mine\"}")).ShouldBeClientProblem(403);
        await world.ShouldBeUntouchedAsync(suite);
    }

    public void Dispose() => _probe.Dispose();

    private static string B64(string json) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Who(BadInputWorld world, string? token, bool bank) =>
        bank ? "bank" : token is null ? "anonymous" : token == world.Regulator ? "regulator" : "business";
}

/// <summary>The part of a search answer these tests read.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items);

public sealed record SearchHit(string RegistrationNumber);

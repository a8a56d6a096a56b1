namespace LicenceApplications.Tests;

public sealed class IdempotencyTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Retry_with_the_same_key_and_body_returns_the_first_result_and_creates_nothing_new()
    {
        var (company, client) = await app.OwnCompanyAsync("idem-a");

        var first = await client.SubmitAsync(company, "RETAIL-TRADE", "key-1");
        var retry = await client.SubmitAsync(company, "RETAIL-TRADE", "key-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        var firstBody = await first.ReadJsonAsync();
        var retryBody = await retry.ReadJsonAsync();
        retryBody.GetProperty("applicationId").GetGuid().Should().Be(firstBody.GetProperty("applicationId").GetGuid());
        retryBody.GetProperty("submittedAt").GetDateTimeOffset().Should().Be(firstBody.GetProperty("submittedAt").GetDateTimeOffset());
        (await app.ScalarAsync($"SELECT count(*) FROM applications WHERE registration_number = '{company}'")).Should().Be(1);
        (await app.OutboxAsync("application-submitted")).Count(e => e.GetProperty("registrationNumber").GetString() == company)
            .Should().Be(1);
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_an_idempotency_key_reuse()
    {
        var (company, client) = await app.OwnCompanyAsync("idem-b");
        await client.SubmitAsync(company, "RETAIL-TRADE", "key-2");

        var response = await client.SubmitAsync(company, "FOOD-SERVICE", "key-2");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reuse");
    }

    [Fact]
    public async Task Keys_belong_to_their_owner_so_two_businesses_may_use_the_same_key()
    {
        var companyA = await app.RegisterCompanyAsync("idem-c1");
        var companyB = await app.RegisterCompanyAsync("idem-c2");

        var a = await app.Business("idem-c1").SubmitAsync(companyA, "RETAIL-TRADE", "shared-key");
        var b = await app.Business("idem-c2").SubmitAsync(companyB, "RETAIL-TRADE", "shared-key");

        a.StatusCode.Should().Be(HttpStatusCode.Created);
        b.StatusCode.Should().Be(HttpStatusCode.Created);
        (await b.ReadJsonAsync()).GetProperty("registrationNumber").GetString().Should().Be(companyB);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_application_and_all_get_its_result()
    {
        var (company, client) = await app.OwnCompanyAsync("idem-d");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SubmitAsync(company, "FOOD-SERVICE", "race-key")));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("applicationId").GetGuid()));
        ids.Distinct().Should().HaveCount(1);
        (await app.ScalarAsync($"SELECT count(*) FROM applications WHERE registration_number = '{company}'")).Should().Be(1);
    }

    [Fact]
    public async Task Key_is_forgotten_after_24_hours()
    {
        var (company, client) = await app.OwnCompanyAsync("idem-e");
        await client.SubmitAsync(company, "RETAIL-TRADE", "old-key");

        app.Clock.Advance(TimeSpan.FromHours(25));
        var response = await client.SubmitAsync(company, "FOOD-SERVICE", "old-key");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("licenceType").GetString().Should().Be("FOOD-SERVICE");
    }

    [Fact]
    public async Task Overlong_key_is_a_validation_problem()
    {
        var company = await app.RegisterCompanyAsync("idem-f");

        var response = await app.Business("idem-f").SubmitAsync(company, "RETAIL-TRADE", new string('k', 201));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}

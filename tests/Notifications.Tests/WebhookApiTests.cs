using System.Text.Json;

namespace Notifications.Tests;

public sealed class WebhookApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Create_shows_the_secret_once_and_the_owner_can_list_get_and_delete()
    {
        var client = fixture.App.Business(NewOwner());

        using var created = await client.PostAsJsonAsync("/api/webhooks",
            new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "invoice.paid" }, description = "payments" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var hook = (await created.Content.ReadFromJsonAsync<CreatedWebhookDto>(Scenario.Json))!;
        created.Headers.Location!.ToString().Should().Be($"/api/webhooks/{hook.Id}");
        hook.Secret.Should().StartWith("whsec_");

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/webhooks");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(hook.Id);
        var got = await client.GetStringAsync($"/api/webhooks/{hook.Id}");
        got.Should().NotContain("whsec_", "the secret is shown only when created or rotated");
        got.Should().Contain("invoice.paid");

        (await client.DeleteAsync($"/api/webhooks/{hook.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/webhooks/{hook.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_business_webhook_looks_missing()
    {
        var owner = fixture.App.Business(NewOwner());
        var other = fixture.App.Business(NewOwner());
        var hook = await Webhooks.CreateAsync(owner, "http://127.0.0.1:9/hook");

        (await other.GetAsync($"/api/webhooks/{hook.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.DeleteAsync($"/api/webhooks/{hook.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/webhooks/{hook.Id}/rotate-secret", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/webhooks/{hook.Id}/test", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/webhooks/{hook.Id}/deliveries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/webhooks/{hook.Id}/deliveries/{Guid.NewGuid()}/redeliver", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "url": "not a url" }""", "url")]
    [InlineData("""{ "url": "ftp://127.0.0.1/hook" }""", "url")]
    [InlineData("""{ "url": "http://user:pw@127.0.0.1/hook" }""", "url")]
    [InlineData("""{ "url": "http://127.0.0.1/hook", "eventTypes": ["company.exploded"] }""", "eventTypes")]
    [InlineData("""{ }""", "url")]
    public async Task Bad_registrations_are_validation_problems(string body, string field)
    {
        var client = fixture.App.Business(NewOwner());

        using var response = await client.PostAsync("/api/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ProblemTypeAsync()).Should().Be("validation");
        (await response.Content.ReadAsStringAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task Webhooks_need_a_token()
    {
        using var response = await fixture.App.CreateClient().GetAsync("/api/webhooks");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>Endpoints fail on their own: a failing one is disabled after DisableAfter (zero here), a slow one holds up nobody.</summary>
public sealed class QuickDisableFixture() : AppFixture(("Webhooks:DisableAfter", "00:00:00"), ("Webhooks:Timeout", "00:00:30"));

public sealed class WebhookIsolationTests(QuickDisableFixture fixture) : IClassFixture<QuickDisableFixture>, IDisposable
{
    private readonly WireMockServer _slow = WireMockServer.Start();
    private readonly WireMockServer _fast = WireMockServer.Start();
    private readonly WireMockServer _failing = WireMockServer.Start();

    public void Dispose()
    {
        _slow.Stop();
        _fast.Stop();
        _failing.Stop();
    }

    [Fact]
    public async Task A_slow_receiver_does_not_delay_another_receiver()
    {
        _slow.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(25)));
        _fast.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        var client = fixture.App.Business(owner);
        var slow = await Webhooks.CreateAsync(client, _slow.Url!);
        var fast = await Webhooks.CreateAsync(client, _fast.Url!);

        // Three events: the slow endpoint's in-flight slots fill up while the fast one drains.
        await fixture.Scenario.CompanyWithInvoiceAsync(owner);
        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, fast.Id)).Count(d => d.Status == "Delivered") == 3,
            "the fast receiver has all three");

        var slowDeliveries = await Webhooks.DeliveriesAsync(client, slow.Id);
        slowDeliveries.Should().HaveCount(3).And.OnlyContain(d => d.Status == "Pending" && d.Attempts.Count == 0,
            "the slow receiver has not answered yet: the fast one did not wait for it");
    }

    [Fact]
    public async Task An_endpoint_failing_for_longer_than_DisableAfter_is_disabled()
    {
        _failing.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _failing.Url!);

        await fixture.Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/webhooks/{hook.Id}")).GetProperty("enabled").GetBoolean() == false,
            "the endpoint is disabled");

        var state = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/webhooks/{hook.Id}");
        state.GetProperty("disabledReason").GetString().Should().StartWith("Failing since");
        var kept = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single();
        kept.Status.Should().Be("Pending", "kept for a redelivery once fixed");

        // A disabled endpoint is sent nothing: neither a ping nor a redelivery (409 invalid-state, nothing queued).
        using var ping = await client.PostAsync($"/api/webhooks/{hook.Id}/test", null);
        using var redeliver = await client.PostAsync($"/api/webhooks/{hook.Id}/deliveries/{kept.Id}/redeliver", null);
        foreach (var refused in new[] { ping, redeliver })
        {
            refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/invalid-state");
            problem.GetProperty("detail").GetString().Should().Be($"Webhook {hook.Id} is disabled: {state.GetProperty("disabledReason").GetString()}");
        }

        (await Webhooks.DeliveriesAsync(client, hook.Id)).Should().ContainSingle().Which.Id.Should().Be(kept.Id);
    }
}

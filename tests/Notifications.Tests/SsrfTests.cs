using Notifications.Api.Webhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>Production settings: https only, no loopback.</summary>
public sealed class ProductionWebhookFixture() : AppFixture(("Webhooks:AllowHttp", "false"), ("Webhooks:AllowLoopback", "false"));

public sealed class SsrfTests(ProductionWebhookFixture fixture) : IClassFixture<ProductionWebhookFixture>
{
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://internal.example.test/hook")]
    [InlineData("http://93.184.216.34/hook")]
    public async Task Registration_refuses_non_public_and_non_https_urls(string url)
    {
        fixture.App.Dns.Pin("internal.example.test", "10.0.0.5");
        var client = fixture.App.Business("biz-ssrf");

        using var response = await client.PostAsJsonAsync("/api/webhooks", new { url });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ProblemTypeAsync()).Should().Be("validation");
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_after_registration_is_refused_at_delivery()
    {
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        fixture.App.Dns.Pin("hooks.rebinding.test", "93.184.216.34");
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, "https://hooks.rebinding.test/hook");

        fixture.App.Dns.Pin("hooks.rebinding.test", "127.0.0.1");
        await fixture.Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));

        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Attempts.Count > 0, "an attempt is made");
        var attempt = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Attempts[0];
        attempt.StatusCode.Should().BeNull();
        attempt.Error.Should().StartWith("Refused");
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("fe80::1", false)]
    public void Public_addresses_are_told_apart_from_internal_ones(string address, bool isPublic) =>
        SsrfGuard.IsPublic(IPAddress.Parse(address)).Should().Be(isPublic);
}

public sealed class RedirectTests(AppFixture fixture) : IClassFixture<AppFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private readonly WireMockServer _internal = WireMockServer.Start();

    public void Dispose()
    {
        _receiver.Stop();
        _internal.Stop();
    }

    [Fact]
    public async Task A_redirect_is_recorded_as_a_failure_and_never_followed()
    {
        _receiver.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", _internal.Url + "/admin"));
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);

        await fixture.Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        // Waits for an answered attempt: on a busy machine the first may time out instead.
        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Attempts.Any(a => a.StatusCode is not null),
            "an attempt is answered");

        var delivery = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single();
        delivery.Attempts.Where(a => a.StatusCode is not null).Should().OnlyContain(a => a.StatusCode == 307);
        delivery.Status.Should().Be("Pending", "a redirect is a failure to retry, not a delivery");
        _internal.LogEntries.Should().BeEmpty();
    }
}

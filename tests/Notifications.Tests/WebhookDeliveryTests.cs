using StandardWebhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

public sealed class WebhookDeliveryTests(AppFixture fixture) : IClassFixture<AppFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    private Scenario Scenario => fixture.Scenario;

    private static string NewOwner() => "biz-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _receiver.Stop();

    private void Answer(int status) =>
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status));

    private Task WaitForRequestsAsync(int count, string because) =>
        Eventually.HoldsAsync(() => _receiver.LogEntries.Count() >= count, because);

    [Fact]
    public async Task A_receiver_verifies_every_delivery_with_a_Standard_Webhooks_library_and_sees_only_its_owner_events()
    {
        Answer(200);
        var ownerA = NewOwner();
        var clientA = fixture.App.Business(ownerA);
        var clientB = fixture.App.Business(NewOwner());
        var hookA = await Webhooks.CreateAsync(clientA, _receiver.Url!);
        var hookB = await Webhooks.CreateAsync(clientB, _receiver.Url! + "/b");

        await Scenario.CompanyWithInvoiceAsync(ownerA);
        await WaitForRequestsAsync(3, "A's three events arrive");

        var verifier = new StandardWebhook(hookA.Secret);
        foreach (var entry in _receiver.LogEntries)
        {
            var act = () => verifier.Verify(entry.RequestMessage.Body!, Webhooks.Headers(entry));
            act.Should().NotThrow("every delivery is signed per Standard Webhooks");
            Webhooks.Header(entry, "webhook-id").Should().StartWith("msg_");
        }

        _receiver.LogEntries.Select(Webhooks.EventType).Should().BeEquivalentTo(["company.registered", "application.submitted", "invoice.issued"]);
        (await Webhooks.DeliveriesAsync(clientB, hookB.Id)).Should().BeEmpty("B owns none of A's companies");
        hookA.Secret.Should().StartWith("whsec_");
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_webhook_id_until_delivered()
    {
        _receiver.Given(Request.Create().UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500));
        _receiver.Given(Request.Create().UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(204));
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!, "company.registered");

        await Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Status == "Delivered", "the retry succeeds");

        _receiver.LogEntries.Select(e => Webhooks.Header(e, "webhook-id")).Distinct().Should().ContainSingle();
        var delivery = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single();
        delivery.Attempts.Select(a => a.StatusCode).Should().Equal(500, 204);
    }

    [Fact]
    public async Task A_receiver_that_times_out_is_tried_again()
    {
        _receiver.Given(Request.Create().UsingPost()).InScenario("slow").WillSetStateTo("fast")
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(15)));
        _receiver.Given(Request.Create().UsingPost()).InScenario("slow").WhenStateIs("fast")
            .RespondWith(Response.Create().WithStatusCode(200));
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);

        await Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Status == "Delivered", "the second attempt succeeds");

        var attempts = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Attempts;
        attempts[0].StatusCode.Should().BeNull();
        attempts[0].Error.Should().StartWith("Timed out");
        attempts[^1].StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_nothing_more_is_queued_for_it()
    {
        Answer(410);
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);
        var registrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..8];

        await Scenario.DeliverAsync(Scenario.Registered(registrationNumber, owner));
        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/webhooks/{hook.Id}")).GetProperty("enabled").GetBoolean() == false,
            "the endpoint is disabled");
        await Scenario.DeliverAsync(Scenario.Suspended(registrationNumber));

        var deliveries = await Webhooks.DeliveriesAsync(client, hook.Id);
        deliveries.Should().ContainSingle().Which.Status.Should().Be("Failed");
        _receiver.LogEntries.Should().ContainSingle();
    }

    [Fact]
    public async Task Redeliver_sends_the_same_message_again_with_the_same_webhook_id()
    {
        Answer(200);
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);
        await Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        await WaitForRequestsAsync(1, "the first delivery");
        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Status == "Delivered", "it is recorded");
        var delivery = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single();

        using var response = await client.PostAsync($"/api/webhooks/{hook.Id}/deliveries/{delivery.Id}/redeliver", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await WaitForRequestsAsync(2, "the redelivery");

        _receiver.LogEntries.Select(e => Webhooks.Header(e, "webhook-id")).Should().AllBe(delivery.WebhookId);
        _receiver.LogEntries.Select(e => e.RequestMessage.Body).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task After_a_rotation_both_the_old_and_the_new_secret_verify_during_the_overlap()
    {
        Answer(200);
        var owner = NewOwner();
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);

        using var rotate = await client.PostAsync($"/api/webhooks/{hook.Id}/rotate-secret", null);
        rotate.StatusCode.Should().Be(HttpStatusCode.OK);
        var newSecret = (await rotate.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
        newSecret.Should().StartWith("whsec_").And.NotBe(hook.Secret);
        await Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));
        await WaitForRequestsAsync(1, "the delivery");

        var entry = _receiver.LogEntries.Single();
        var signatures = Webhooks.Header(entry, "webhook-signature").Split(' ');
        signatures.Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("v1,"));
        // StandardWebhooks 1.1.2 only ever compares the first of several signatures (its loop stops
        // early), so each signature is presented on its own: one must verify with each secret.
        foreach (var secret in new[] { hook.Secret, newSecret })
        {
            signatures.Count(signature => Verifies(secret, entry, signature)).Should().Be(1);
        }
    }

    private static bool Verifies(string secret, WireMock.Logging.ILogEntry entry, string signature)
    {
        var headers = Webhooks.Headers(entry);
        headers["webhook-signature"] = signature;
        try
        {
            new StandardWebhook(secret).Verify(entry.RequestMessage.Body!, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Test_sends_a_signed_ping()
    {
        Answer(200);
        var client = fixture.App.Business(NewOwner());
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!);

        using var response = await client.PostAsync($"/api/webhooks/{hook.Id}/test", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await WaitForRequestsAsync(1, "the ping");

        var entry = _receiver.LogEntries.Single();
        Webhooks.EventType(entry).Should().Be("webhook.ping");
        var act = () => new StandardWebhook(hook.Secret).Verify(entry.RequestMessage.Body!, Webhooks.Headers(entry));
        act.Should().NotThrow();
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>
/// The mail sender's poll pushed out of reach: only its signal and the messages' own retry times can wake it. A retry
/// is 1-2 s away, so the look right after a failure never finds it due yet, however slow the machine.
/// </summary>
public sealed class NoEmailPollingFixture : EmailFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Email:PollInterval"] = "01:00:00",
        ["Email:RetryBaseDelay"] = "00:00:02",
        ["Email:RetryMaxDelay"] = "00:00:02",
    };
}

/// <summary>The same for webhooks.</summary>
public sealed class NoWebhookPollingSlowRetryFixture() : AppFixture(
    ("Webhooks:PollInterval", "01:00:00"), ("Webhooks:RetryBaseDelay", "00:00:02"), ("Webhooks:RetryMaxDelay", "00:00:02"));

/// <summary>
/// An idle sender waits long (its poll doubles up to the idle poll interval), but a message that failed is
/// tried again when its retry falls due, not at the next poll: here the polls are an hour away.
/// </summary>
public sealed class IdleMailSenderTests(NoEmailPollingFixture fixture) : IClassFixture<NoEmailPollingFixture>
{
    [Fact]
    public async Task A_refused_mail_is_sent_again_when_its_retry_falls_due_without_a_poll()
    {
        var (address, company) = (Mails.NewAddress(), Mails.NewRegistration());
        await fixture.Scenario.DeliverAsync(Mails.Registered(company, "biz-idle", address, "en"));
        fixture.Smtp.FailNext(1);
        await fixture.Scenario.DeliverAsync(Mails.LicenceIssued(company, "LIC-I-1", new DateOnly(2031, 1, 31)));

        await Eventually.HoldsAsync(() => fixture.Smtp.To(address).Count > 0, "the retry is accepted", TimeSpan.FromSeconds(30));
        var mail = fixture.Smtp.To(address).Single();
        fixture.Smtp.DataSeen.Count(id => id == mail.MessageId).Should().Be(2, "one refusal, then the accepted attempt");
    }
}

public sealed class IdleWebhookSenderTests(NoWebhookPollingSlowRetryFixture fixture) : IClassFixture<NoWebhookPollingSlowRetryFixture>, IDisposable
{
    private readonly WireMockServer _receiver = WireMockServer.Start();

    public void Dispose() => _receiver.Stop();

    [Fact]
    public async Task A_failed_delivery_is_tried_again_when_its_retry_falls_due_without_a_poll()
    {
        _receiver.Given(Request.Create().UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500));
        _receiver.Given(Request.Create().UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(204));
        var owner = "biz-" + Guid.NewGuid().ToString("N")[..8];
        var client = fixture.App.Business(owner);
        var hook = await Webhooks.CreateAsync(client, _receiver.Url!, "company.registered");

        await fixture.Scenario.DeliverAsync(Scenario.Registered("REG-" + Guid.NewGuid().ToString("N")[..8], owner));

        await Eventually.HoldsAsync(async () => (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Status == "Delivered",
            "the retry is sent when it falls due", TimeSpan.FromSeconds(30));
        // The first attempt is the 500 (or, on a starved machine, its timeout): one failure, then the retry.
        var attempts = (await Webhooks.DeliveriesAsync(client, hook.Id)).Single().Attempts;
        attempts.Select(a => a.StatusCode).Should().HaveCount(2).And.EndWith(204);
    }
}

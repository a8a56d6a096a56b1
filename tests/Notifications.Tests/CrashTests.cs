using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Domain;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Notifications.Tests;

/// <summary>
/// Part 5 of issue 14: SIGKILL the service (a real process from its build output) while webhook
/// deliveries and mails are in flight, start it again, and every one arrives: each mail exactly
/// once per Message-ID, each webhook at least once and only ever under its own webhook-id.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Companies = 6;
    private readonly SmtpReceiver _smtp = new();
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        var issuer = await TestAuth.IssuerAsync();
        _settings = new Dictionary<string, string?>(issuer.Settings)
        {
            ["ConnectionStrings:Database"] = await TestPostgres.CreateDatabaseAsync("notifications"),
            ["Eventing:Outbox:DispatchEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in NotificationsApp.QuickWebhooks().Concat(EmailFixture.SmtpSettings(_smtp.Port)))
        {
            _settings[key] = value;
        }

        _settings["Webhooks:Timeout"] = "00:00:03";
        _settings["Email:Timeout"] = "00:00:03";
    }

    [Fact]
    public async Task Killed_mid_send_and_restarted_it_delivers_every_webhook_and_mails_each_message_once()
    {
        var owner = "biz-crash-" + Guid.NewGuid().ToString("N")[..6];
        await QueueWorkAsync(owner);
        await using var db = Database();
        var mails = await db.EmailMessages.AsNoTracking().Select(m => m.MessageId).ToListAsync();
        var hooks = await db.WebhookDeliveries.AsNoTracking().Select(d => "msg_" + d.Id.ToString("N")).ToListAsync();
        mails.Should().HaveCount(Companies);
        hooks.Should().HaveCount(Companies * 2);

        // First life: the SMTP server holds its answer to DATA, the receiver is slow.
        _smtp.Hold();
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(1)));
        await using (var first = ServiceProcess.Start(_settings))
        {
            await Eventually.HoldsAsync(async () => _smtp.Holding > 0 && await db.WebhookDeliveries.AsNoTracking()
                .AnyAsync(d => d.Status == DeliveryStatus.Pending && d.LockedUntil != null), "a mail and a webhook are mid-send", TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        _smtp.Release();
        _receiver.Reset();
        _receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        (await db.EmailMessages.AsNoTracking().CountAsync(m => m.Status == EmailStatus.Sent)).Should().BeLessThan(Companies, "the kill came mid-send");

        // Second life: the leases of the first run out and everything left is sent.
        await using (var second = ServiceProcess.Start(_settings))
        {
            await Eventually.HoldsAsync(async () =>
                await db.EmailMessages.AsNoTracking().AllAsync(m => m.Status == EmailStatus.Sent)
                && await db.WebhookDeliveries.AsNoTracking().AllAsync(d => d.Status == DeliveryStatus.Delivered),
                "every mail and webhook is delivered after the restart", TimeSpan.FromSeconds(90));
        }

        _smtp.Accepted.Select(m => m.MessageId).Should().BeEquivalentTo(mails, "each mail reached the server exactly once");
        var received = _receiver.LogEntries.Select(e => Webhooks.Header(e, "webhook-id")).ToList();
        received.Distinct().Should().BeEquivalentTo(hooks, "every webhook arrived, a repeat only under its own webhook-id");
    }

    private async Task QueueWorkAsync(string owner)
    {
        // Queued by the service itself (its inbox and handlers), with its senders off.
        var extra = new Dictionary<string, string?>(_settings) { ["Webhooks:SenderEnabled"] = "false", ["Email:SenderEnabled"] = "false" };
        await using var app = await NotificationsApp.StartAsync(extra);
        var scenario = new Scenario(app);
        await Webhooks.CreateAsync(app.Business(owner), _receiver.Url!);
        for (var i = 0; i < Companies; i++)
        {
            var company = Mails.NewRegistration();
            await scenario.DeliverAsync(Mails.Registered(company, owner, Mails.NewAddress(), "en"));
            await scenario.DeliverAsync(Mails.LicenceIssued(company, $"LIC-K-{i}-{company}", new DateOnly(2031, 1, 31)));
        }
    }

    private NotificationsDbContext Database() => new(new DbContextOptionsBuilder<NotificationsDbContext>()
        .UseNpgsql(_settings["ConnectionStrings:Database"]).Options);

    public async Task DisposeAsync()
    {
        _receiver.Stop();
        await _smtp.DisposeAsync();
    }
}

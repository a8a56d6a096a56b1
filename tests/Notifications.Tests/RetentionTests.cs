using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Domain;
using Notifications.Api.Feed;

namespace Notifications.Tests;

public sealed class RetentionFixture() : AppFixture(
    ("Feed:Retention", "1.00:00:00"),
    ("Feed:PruneEnabled", "false"), // the test prunes when it chooses
    ("Webhooks:SenderEnabled", "false"));

/// <summary>Feed retention: old items (and finished outbox rows) are pruned; cursors keep working for what remains.</summary>
public sealed class RetentionTests(RetentionFixture fixture) : IClassFixture<RetentionFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task Items_older_than_the_retention_are_pruned_and_a_cursor_resumes_after_them()
    {
        var owner = "biz-ret-" + Guid.NewGuid().ToString("N")[..6];
        var client = fixture.App.Business(owner);
        await Webhooks.CreateAsync(client, "http://127.0.0.1:9/never");
        var (company, _) = await Scenario.CompanyWithInvoiceAsync(owner);
        var old = await Scenario.QueryAsync(db => db.FeedItems.Where(f => f.RegistrationNumber == company).OrderBy(f => f.Sequence).ToListAsync());
        old.Should().HaveCount(3);

        // Two of the three are two days old; one of their deliveries is finished, one still pending.
        var aged = old.Take(2).Select(f => f.Sequence).ToArray();
        await Scenario.QueryAsync(async db =>
        {
            await db.FeedItems.Where(f => aged.Contains(f.Sequence)).ExecuteUpdateAsync(s => s.SetProperty(f => f.ReceivedAt, f => f.ReceivedAt.AddDays(-2)));
            await db.WebhookDeliveries.Where(d => aged.Contains(d.FeedSequence!.Value)).ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, d => d.CreatedAt.AddDays(-2)));
            return await db.WebhookDeliveries.Where(d => d.FeedSequence == aged[0]).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Delivered));
        });

        var pruned = await PruneAsync();

        pruned.FeedItems.Should().BeGreaterThanOrEqualTo(2);
        var left = await Scenario.QueryAsync(db => db.FeedItems.Where(f => f.RegistrationNumber == company).Select(f => f.Sequence).ToListAsync());
        left.Should().Equal(old[2].Sequence);
        (await Scenario.QueryAsync(db => db.WebhookDeliveries.Where(d => aged.Contains(d.FeedSequence!.Value)).Select(d => d.FeedSequence).ToListAsync()))
            .Should().Equal([aged[1]], "a pending delivery keeps its payload until it is done");

        // A cursor from before the pruned items resumes with what remains, in order; new items follow.
        var page = await Scenario.FeedAsync(client, $"?after={old[0].Sequence}");
        page.Items.Select(i => i.Type).Should().Equal("invoice.issued");
        await Scenario.DeliverAsync(Scenario.Suspended(company));
        (await Scenario.FeedAsync(client, $"?after={page.NextCursor}")).Items.Select(i => i.Type).Should().Equal("company.status-changed");
        (await PruneAsync()).FeedItems.Should().Be(0, "nothing else is old");
    }

    private async Task<PruneResult> PruneAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedPruner>().PruneAsync(CancellationToken.None);
    }
}

using Microsoft.Extensions.Options;

namespace Notifications.Api.Feed;

/// <summary>Configuration section <c>Feed</c>: how long the feed (and finished outbox rows) are kept.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feed";

    /// <summary>Feed items received longer ago are pruned: a cursor or Last-Event-ID resumes losslessly within this.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public bool PruneEnabled { get; set; } = true;

    /// <summary>
    /// The feed listener's connection, quiet this long, is asked a trivial query: a connection that died without a word
    /// (a firewall or NAT forgetting it, a host gone) is found within this and the check's timeout, then replaced, and
    /// every stream of the replica reads what it missed. Streams do not poll the feed: this one check per replica is
    /// what a lost <c>LISTEN</c> costs.
    /// </summary>
    public TimeSpan ListenerCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long that query may take before the connection is taken for dead.</summary>
    public TimeSpan ListenerCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before the listener tries again after losing its connection (or failing to open one).</summary>
    public TimeSpan ListenerRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed record PruneResult(int FeedItems, int WebhookDeliveries, int EmailMessages);

/// <summary>
/// Prunes like the eventing outbox: rows older than the retention, in one statement each. Only
/// finished webhook deliveries and mails go (a pending one keeps its payload and its Message-ID);
/// feed sequences are never reused, so cursors stay valid for what remains.
/// </summary>
internal sealed class FeedPruner(NotificationsDbContext db, IOptionsMonitor<FeedOptions> options, TimeProvider time)
{
    public async Task<PruneResult> PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.CurrentValue.Retention;
        var feed = await db.FeedItems.Where(f => f.ReceivedAt < before).ExecuteDeleteAsync(ct);
        var deliveries = await db.WebhookDeliveries
            .Where(d => d.CreatedAt < before && d.Status != Domain.DeliveryStatus.Pending).ExecuteDeleteAsync(ct);
        var mails = await db.EmailMessages
            .Where(m => m.CreatedAt < before && m.Status != Domain.EmailStatus.Pending).ExecuteDeleteAsync(ct);
        return new PruneResult(feed, deliveries, mails);
    }
}

internal sealed class FeedPruneJob(
    IServiceScopeFactory scopes, IOptionsMonitor<FeedOptions> options, TimeProvider time, ILogger<FeedPruneJob> logger)
    : ScopedPeriodicJob<FeedPruner>(scopes, time, logger)
{
    protected override TimeSpan Interval => options.CurrentValue.PruneInterval;

    protected override async Task RunPassAsync(FeedPruner pruner, CancellationToken ct)
    {
        var pruned = await pruner.PruneAsync(ct);
        if (pruned.FeedItems + pruned.WebhookDeliveries + pruned.EmailMessages > 0)
        {
            Logger.LogInformation("Pruned {Feed} feed items, {Deliveries} webhook deliveries, {Mails} mails", pruned.FeedItems, pruned.WebhookDeliveries, pruned.EmailMessages);
        }
    }
}

namespace G2B.Eventing;

/// <summary>Configuration section <c>Eventing</c>.</summary>
public sealed class EventingOptions
{
    public const string SectionName = "Eventing";

    /// <summary>The Dapr pub/sub component every topic lives on.</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>
    /// Who consumes: the inbox key and the prefix of this service's dead-letter topics. Defaults to
    /// the Dapr app id (<c>APP_ID</c>), then the application name.
    /// </summary>
    public string ConsumerName { get; set; } = "";

    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>Configuration section <c>Eventing:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Service tests switch the dispatcher off and read <c>outbox_messages</c> instead.</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>
    /// How long the dispatcher waits after a round that found nothing, when nothing wakes it up: the
    /// first wait. Each further empty round doubles it, up to <see cref="IdlePollInterval"/>.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest wait of an idle dispatcher. Commits in this process wake it at once and a row it
    /// failed to publish is looked at again when its retry is due, so this poll is only the safety net
    /// for rows no signal announces (another replica's, one that stopped before publishing them).
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most ordering keys claimed (and rows published) in one transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Most ordering keys published at the same time in one round. Rows of one key always go one
    /// after another, oldest first; different keys promise no order between them.
    /// </summary>
    public int PublishConcurrency { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A single publish call is abandoned (and retried later) after this long.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Published rows are kept this long (for diagnosis), then deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Sends, with each publish, when this process saw the row's save commit and when the dispatcher claimed it
    /// (publish metadata <c>g2b-committed-at</c> and <c>g2b-claimed-at</c>, round-trip ISO 8601), so the load tool
    /// can split a hop into its steps (docs/benchmarks.md). Off by default; tools/benchmark.sh turns it on.
    /// </summary>
    public bool PublishTimings { get; set; }

    /// <summary>How often the pending-rows gauge is refreshed (a count query), not every round.</summary>
    public TimeSpan PendingCountInterval { get; set; } = TimeSpan.FromSeconds(15);
}

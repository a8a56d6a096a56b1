using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Delivery;

/// <summary>
/// Keeps the app's subscriptions current: read until the app answers, then again periodically and whenever a
/// delivery finds the app unreachable (it may have restarted with other routes).
/// </summary>
public sealed class SubscriptionManager(
    SidecarOptions options, SidecarResources resources, AppChannel app, ILogger<SubscriptionManager> logger) : BackgroundService
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _refreshRequested = new(0, 1);

    public IReadOnlyList<Subscription> Current { get; private set; } = [];

    public bool Loaded => _loaded.Task.IsCompleted;

    public Task WaitLoadedAsync(CancellationToken ct) => _loaded.Task.WaitAsync(ct);

    public Subscription? Find(string pubsub, string topic) =>
        Current.FirstOrDefault(s => s.PubSubName == pubsub && s.Topic == topic);

    public void RequestRefresh()
    {
        if (_refreshRequested.CurrentCount == 0)
        {
            try
            {
                _refreshRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller asked at the same moment; one refresh serves both.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AppPort is null)
        {
            _loaded.TrySetResult();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var found = await app.GetSubscriptionsAsync(stoppingToken);
            if (found is not null)
            {
                Apply(found);
                _loaded.TrySetResult();
            }

            var wait = found is null && !Loaded ? TimeSpan.FromMilliseconds(250) : options.SubscriptionRefreshInterval;
            try
            {
                await _refreshRequested.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(IReadOnlyList<Subscription> found)
    {
        // Only components this app may use; daprd ignores subscriptions to anything else.
        var usable = found.Where(s => resources.Find(s.PubSubName)?.IsScopedTo(options.AppId) == true).ToList();
        var before = string.Join(';', Current.Select(Describe));
        var after = string.Join(';', usable.Select(Describe));
        Current = usable;
        if (before != after)
        {
            logger.LogInformation("App {AppId} subscribes to: {Subscriptions}", options.AppId, after.Length == 0 ? "(none)" : after);
        }
    }

    private static string Describe(Subscription s) =>
        $"{s.PubSubName}/{s.Topic}->{string.Join(',', s.Rules.Select(r => $"[{r.Match}]{r.Path}"))}{s.DefaultPath}"
        + (s.DeadLetterTopic is null ? string.Empty : $" (dead letters: {s.DeadLetterTopic})");
}

using Npgsql;

namespace Notifications.Api.Feed;

/// <summary>
/// Wakes stream readers and the webhook sender when the feed grows. Take <see cref="Next"/> before
/// reading the feed, then await it: a commit between the read and the wait is not missed.
/// </summary>
public sealed class FeedSignal
{
    public const string Channel = "notifications_feed";

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>
/// LISTENs on <see cref="FeedSignal.Channel"/>: PostgreSQL delivers the NOTIFY of
/// <see cref="FeedWriter"/> at commit, to every replica. Readers also poll, so a lost
/// connection delays them but loses nothing.
/// </summary>
internal sealed class FeedListener(IServiceScopeFactory scopes, FeedSignal signal, ILogger<FeedListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                string connectionString;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    connectionString = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.GetConnectionString()!;
                }

                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {FeedSignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                signal.Pulse(); // anything committed while not listening
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Feed listener lost its connection; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}

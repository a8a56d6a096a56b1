using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Notifications.Api.Feed;

/// <summary>
/// A wake-up that is not missed: take <see cref="Next"/> before looking for work, then await it;
/// a pulse between the look and the wait completes the task already taken.
/// </summary>
public sealed class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>
/// What one change of the feed says on <see cref="FeedSignal.Channel"/>, so that each reader can tell
/// whether it concerns it without asking the database. Tab-separated, the owner subject last (the
/// only free text), the sequence last of an append (the insert adds it). Kinds: <c>a</c> an item was appended, <c>o</c> a company's owner was
/// learnt, <c>l</c> items that had no company were given one.
/// </summary>
public readonly record struct FeedNotice(char Kind, long Sequence, string? Type, string? RegistrationNumber, string? OwnerSubject, bool Webhooks, bool Mail)
{
    public const char Appended = 'a';
    public const char OwnerLearnt = 'o';
    public const char Linked = 'l';

    /// <summary>An appended item's notice without its sequence: the insert appends that (it is known only there).</summary>
    public static string AppendPrefix(string type, string? registrationNumber, bool webhooks, bool mail) =>
        string.Join('\t', "a", type, Flags(webhooks, mail), registrationNumber ?? "", "");

    public static string ForAppend(long sequence, string type, string? registrationNumber, bool webhooks, bool mail) =>
        AppendPrefix(type, registrationNumber, webhooks, mail) + sequence.ToString(CultureInfo.InvariantCulture);

    public static string ForOwner(string registrationNumber, string ownerSubject) => string.Join('\t', "o", registrationNumber, ownerSubject);

    public static string ForLink(string registrationNumber, bool webhooks, bool mail) =>
        string.Join('\t', "l", Flags(webhooks, mail), registrationNumber);

    private static string Flags(bool webhooks, bool mail) => (webhooks, mail) switch
    {
        (true, true) => "wm",
        (true, false) => "w",
        (false, true) => "m",
        _ => "-",
    };

    public static bool TryParse(string payload, out FeedNotice notice)
    {
        notice = default;
        // The owner subject, last, may hold anything: split no further than the kind's field count.
        var parts = payload.Split('\t', payload.StartsWith("o\t", StringComparison.Ordinal) ? 3 : 5);
        switch (parts)
        {
            case ["a", var type, var flags, var company, var seq] when long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence):
                notice = new(Appended, sequence, type, company.Length > 0 ? company : null, null, flags.Contains('w'), flags.Contains('m'));
                return true;
            case ["o", var company, var subject]:
                notice = new(OwnerLearnt, 0, null, company, subject, false, false);
                return true;
            case ["l", var flags, var company]:
                notice = new(Linked, 0, null, company, null, flags.Contains('w'), flags.Contains('m'));
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Routes feed changes to who needs them: each open stream is woken only by a change it may be
/// able to see, the webhook sender only when deliveries were queued, the email sender only when
/// mails were. One signal for all would wake every stream for every company's event (each then
/// querying PostgreSQL for nothing).
/// </summary>
public sealed class FeedSignal
{
    public const string Channel = "notifications_feed";

    private readonly ConcurrentDictionary<StreamWaiter, byte> _streams = new();

    /// <summary>Webhook deliveries were queued.</summary>
    public Signal Webhooks { get; } = new();

    /// <summary>Mails were queued.</summary>
    public Signal Mail { get; } = new();

    /// <summary>Registers an open stream; dispose the waiter when the stream ends.</summary>
    public StreamWaiter Subscribe(string? ownerSubject, IReadOnlyList<string> types)
    {
        var waiter = new StreamWaiter(this, ownerSubject, types);
        _streams.TryAdd(waiter, 0);
        return waiter;
    }

    internal void Unsubscribe(StreamWaiter waiter) => _streams.TryRemove(waiter, out _);

    /// <summary>One NOTIFY payload; an unreadable one wakes everyone (better a query too many than a miss).</summary>
    public void Dispatch(string payload)
    {
        if (!FeedNotice.TryParse(payload, out var notice))
        {
            WakeAll();
            return;
        }

        if (notice.Webhooks)
        {
            Webhooks.Pulse();
        }

        if (notice.Mail)
        {
            Mail.Pulse();
        }

        foreach (var stream in _streams.Keys)
        {
            stream.Offer(notice);
        }
    }

    /// <summary>After a lost LISTEN: anything may have been committed meanwhile.</summary>
    public void WakeAll()
    {
        Webhooks.Pulse();
        Mail.Pulse();
        foreach (var stream in _streams.Keys)
        {
            stream.Signal.Pulse();
        }
    }
}

/// <summary>
/// One open stream's interest: a regulator (no owner subject) cares about every appended item, a
/// business about the items of the companies it owns, which it learns at the start
/// (<see cref="Own"/>) and from owner notices while open.
/// </summary>
public sealed class StreamWaiter(FeedSignal hub, string? ownerSubject, IReadOnlyList<string> types) : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _owned = new(StringComparer.Ordinal);

    public Signal Signal { get; } = new();

    public void Own(IEnumerable<string> registrationNumbers)
    {
        foreach (var registrationNumber in registrationNumbers)
        {
            _owned.TryAdd(registrationNumber, 0);
        }
    }

    internal void Offer(FeedNotice notice)
    {
        if (Concerns(notice))
        {
            Signal.Pulse();
        }
    }

    private bool Concerns(FeedNotice notice)
    {
        switch (notice.Kind)
        {
            case FeedNotice.Appended:
                return (types.Count == 0 || types.Contains(notice.Type!))
                       && (ownerSubject is null || (notice.RegistrationNumber is { } company && _owned.ContainsKey(company)));
            case FeedNotice.OwnerLearnt when ownerSubject is not null && notice.OwnerSubject == ownerSubject:
                // Its earlier events become visible now (joined at read time).
                _owned.TryAdd(notice.RegistrationNumber!, 0);
                return true;
            case FeedNotice.Linked:
                return ownerSubject is not null && _owned.ContainsKey(notice.RegistrationNumber!);
            default:
                return false;
        }
    }

    public void Dispose() => hub.Unsubscribe(this);
}

/// <summary>
/// LISTENs on <see cref="FeedSignal.Channel"/>: PostgreSQL delivers the NOTIFYs of <see cref="FeedWriter"/> at commit,
/// to every replica. Nothing else wakes a stream, so the connection is kept honest: when it has been quiet for
/// <see cref="FeedOptions.ListenerCheckInterval"/> a trivial query must come back within
/// <see cref="FeedOptions.ListenerCheckTimeout"/>, or the connection is dropped. Whenever a new one is listening,
/// everyone is woken (whatever was committed while nobody listened is found by the readers' next read), so a lost
/// connection delays the streams but loses nothing.
/// </summary>
internal sealed class FeedListener(
    IServiceScopeFactory scopes, FeedSignal signal, IOptionsMonitor<FeedOptions> options, ILogger<FeedListener> logger) : BackgroundService
{
    /// <summary>The listener's <c>application_name</c> in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "notifications-feed-listener";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Feed listener lost its connection; retrying");
                await Task.Delay(options.CurrentValue.ListenerRetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.GetConnectionString()!;
        }

        // Its own connection, not the pool's: it holds a LISTEN for its whole life, and pooled connections
        // are not reset when they go back (G2B.ServiceDefaults sets No Reset On Close).
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName }.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => signal.Dispatch(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {FeedSignal.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        signal.WakeAll(); // anything committed while not listening
        await using var check = new NpgsqlCommand("SELECT 1", connection);
        while (true)
        {
            var settings = options.CurrentValue;
            if (await connection.WaitAsync(settings.ListenerCheckInterval, stoppingToken))
            {
                continue; // a notice arrived (and was dispatched): the connection is alive
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(settings.ListenerCheckTimeout);
            try
            {
                await check.ExecuteScalarAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The feed listener's connection did not answer within {settings.ListenerCheckTimeout}.");
            }
        }
    }
}

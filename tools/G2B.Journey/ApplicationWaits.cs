namespace G2B.Journey;

/// <summary>How a journey waits for its application to change.</summary>
public enum WaitMode
{
    /// <summary>Woken by <c>GET /api/events/stream</c>; the application's GET confirms, and is asked anyway if the stream stays silent.</summary>
    Stream,

    /// <summary>Asks <c>GET /api/applications/{id}</c> again and again.</summary>
    Poll,
}

/// <summary>How the waits went, added to from every journey at once.</summary>
public sealed class WaitTally
{
    private int _answeredByStream;
    private int _fellBack;
    private int _polled;

    /// <summary>Waits the stream announced (the GET then agreed).</summary>
    public int AnsweredByStream => Volatile.Read(ref _answeredByStream);

    /// <summary>Waits on the stream that heard nothing in time and were answered by asking.</summary>
    public int FellBack => Volatile.Read(ref _fellBack);

    /// <summary>Waits answered by polling alone (<see cref="WaitMode.Poll"/>).</summary>
    public int Polled => Volatile.Read(ref _polled);

    internal void Count(bool? announced)
    {
        switch (announced)
        {
            case true:
                Interlocked.Increment(ref _answeredByStream);
                break;
            case false:
                Interlocked.Increment(ref _fellBack);
                break;
            default:
                Interlocked.Increment(ref _polled);
                break;
        }
    }
}

/// <summary>Settings of <see cref="WaitMode.Stream"/>.</summary>
public sealed record StreamWaitOptions
{
    /// <summary>How long a wait listens for its event before it asks instead.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long opening the stream may take before the journey goes on without it (it keeps trying).</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before a dropped stream is opened again, unless the server advised another (<c>retry:</c>).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Waits for one business's applications to reach a state. The answer is always the application as
/// <c>GET /api/applications/{id}</c> returns it, never an event: on the stream, an event only says when
/// to ask (and the GET is asked until it agrees, as events may reach the feed before the application
/// itself has changed); a stream that stays silent, drops or never opens only makes the wait ask sooner.
/// </summary>
public sealed class ApplicationWaits : IAsyncDisposable
{
    private readonly SuiteApi _suite;
    private readonly string _token;
    private readonly EventStream? _stream;
    private readonly TimeSpan _patience;
    private readonly WaitTally _tally;

    private ApplicationWaits(SuiteApi suite, string token, EventStream? stream, TimeSpan patience, WaitTally tally)
    {
        (_suite, _token, _stream, _patience, _tally) = (suite, token, stream, patience, tally);
    }

    public WaitMode Mode => _stream is null ? WaitMode.Poll : WaitMode.Stream;

    /// <summary>The stream behind the waits (null when polling).</summary>
    public EventStream? Stream => _stream;

    /// <summary>Starts listening now (with <see cref="WaitMode.Stream"/>), before whatever the waits will wait for is done.</summary>
    public static async Task<ApplicationWaits> StartAsync(
        SuiteApi suite, string token, WaitMode mode, WaitTally? tally = null, StreamWaitOptions? options = null, CancellationToken ct = default)
    {
        options ??= new StreamWaitOptions();
        var stream = mode == WaitMode.Stream
            ? await EventStream.OpenAsync(suite.Http, token, options.OpenTimeout, options.ReconnectDelay, ct)
            : null;
        return new ApplicationWaits(suite, token, stream, options.Patience, tally ?? new WaitTally());
    }

    /// <summary>
    /// The application once <paramref name="done"/> holds for it. <paramref name="announces"/> says which
    /// stream event means it should hold now; <see cref="TimeoutException"/> when it does not within <paramref name="timeout"/>.
    /// </summary>
    public async Task<Application> UntilAsync(
        Guid applicationId, Func<Application, bool> done, Func<StreamEvent, bool> announces, string what, TimeSpan timeout,
        CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        bool? announced = null;
        if (_stream is not null)
        {
            announced = await ListenAsync(applicationId, announces, Min(_patience, timeout), ct);
        }

        var left = deadline - DateTimeOffset.UtcNow;
        var application = await Eventually.UntilAsync(
            c => _suite.GetApplicationAsync(_token, applicationId, c), done, what, left > TimeSpan.Zero ? left : TimeSpan.Zero, ct);
        _tally.Count(announced);
        return application;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    /// <summary>True when an announcing event arrived (or had already) within <paramref name="patience"/>.</summary>
    private async Task<bool> ListenAsync(Guid applicationId, Func<StreamEvent, bool> announces, TimeSpan patience, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var next = _stream!.NextArrival;
            if (_stream.About(applicationId).Any(announces))
            {
                return true;
            }

            var left = until - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            // Silence is an answer too, not an error: no exception for it.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(next, Task.Delay(left, timer.Token));
            await timer.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

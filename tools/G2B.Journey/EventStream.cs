using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace G2B.Journey;

/// <summary>One event of <c>GET /api/events/stream</c>: its id (the feed cursor), type and the feed item.</summary>
public sealed record StreamEvent(string Id, string Type, JsonElement Item)
{
    /// <summary>The application the event is about (<c>subject.applicationId</c>), if it names one.</summary>
    public Guid? ApplicationId =>
        Item.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
        && subject.TryGetProperty("applicationId", out var id) && id.TryGetGuid(out var guid) ? guid : null;

    /// <summary>A field of the item's <c>data</c> as text, or null.</summary>
    public string? Data(string name) =>
        Item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// A business's live view of the feed: <c>GET /api/events/stream</c> through the gateway with its token,
/// read in the background. A dropped connection is opened again with <c>Last-Event-ID</c>, so nothing
/// after the last event seen is lost; events are kept by application for whoever waits on them.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _token;
    private readonly TimeSpan _reconnectDelay;
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<StreamEvent>> _byApplication = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private int _connections;

    private EventStream(HttpClient http, string token, TimeSpan reconnectDelay)
    {
        _http = http;
        _token = token;
        _reconnectDelay = reconnectDelay;
    }

    /// <summary>The id of the last event read: what a reconnection resumes after.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Connections made, the first included (more than one: it was resumed).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// Opens the stream and waits (at most <paramref name="openTimeout"/>) until the server has answered,
    /// so that everything that happens from now on is seen. A stream that cannot be opened is no error:
    /// it keeps trying in the background, and waiters fall back to asking.
    /// </summary>
    public static async Task<EventStream> OpenAsync(
        HttpClient http, string token, TimeSpan openTimeout, TimeSpan reconnectDelay, CancellationToken ct = default)
    {
        var stream = new EventStream(http, token, reconnectDelay);
        stream._reading = Task.Run(() => stream.ReadLoopAsync(stream._stop.Token), CancellationToken.None);
        await Task.WhenAny(stream._opened.Task, Task.Delay(openTimeout, ct));
        return stream;
    }

    /// <summary>Completes when the next event arrives (take it before looking, so none slips between).</summary>
    public Task NextArrival => Volatile.Read(ref _arrived).Task;

    /// <summary>The events seen so far about <paramref name="applicationId"/>, oldest first.</summary>
    public IReadOnlyList<StreamEvent> About(Guid applicationId) =>
        _byApplication.TryGetValue(applicationId, out var events) ? [.. events] : [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var delay = _reconnectDelay;
            try
            {
                delay = await ReadOnceAsync(ct) ?? delay;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Dropped, refused, timed out or garbled: resume after the last event seen. Waiters never
                // depend on the stream, so a reader that keeps failing only makes them ask instead.
            }

            await Task.Delay(delay, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One connection, read until it ends; returns the server's <c>retry:</c> advice, if any.</summary>
    private async Task<TimeSpan?> ReadOnceAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (LastEventId is { } last)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", last);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Interlocked.Increment(ref _connections);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        _opened.TrySetResult();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body, Encoding.UTF8);
        TimeSpan? retry = null;
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                Dispatch(id, type, data.ToString());
                (id, type) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = Value(line);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = Value(line);
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(Value(line));
            }
            else if (line.StartsWith("retry:", StringComparison.Ordinal) && int.TryParse(Value(line), out var ms) && ms >= 0)
            {
                retry = TimeSpan.FromMilliseconds(ms);
            }

            // Anything else (": heartbeat" comments) keeps the connection alive and says nothing.
        }

        return retry;
    }

    private static string Value(string line)
    {
        var value = line[(line.IndexOf(':') + 1)..];
        return value.StartsWith(' ') ? value[1..] : value;
    }

    private void Dispatch(string? id, string? type, string data)
    {
        if (id is null || type is null || data.Length == 0)
        {
            return;
        }

        LastEventId = id;
        StreamEvent evt;
        try
        {
            using var json = JsonDocument.Parse(data);
            evt = new StreamEvent(id, type, json.RootElement.Clone());
        }
        catch (JsonException)
        {
            return; // not a feed item: nothing to learn from it, and the id is still where to resume
        }

        if (evt.ApplicationId is { } applicationId)
        {
            _byApplication.GetOrAdd(applicationId, _ => new ConcurrentQueue<StreamEvent>()).Enqueue(evt);
        }

        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

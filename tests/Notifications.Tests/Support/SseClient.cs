using System.Text.Json;

namespace Notifications.Tests.Support;

public sealed record SseEvent(string? Id, string? Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>A minimal server-sent events reader over one open response (comments kept, for heartbeats).</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public List<string> Comments { get; } = [];

    public static async Task<SseClient> OpenAsync(HttpClient client, string path = "/api/events/stream", string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public string? MediaType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The next event (skipping comments and the retry field), or a timeout.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        string? id = null, type = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new SseEvent(id, type, string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line[6..]);
            }
        }
    }

    /// <summary>Reads until a comment line arrives (heartbeats are comments).</summary>
    public async Task<string> NextCommentAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.StartsWith(':'))
            {
                return line;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using G2B.DaprSidecar.Hosting;

namespace G2B.DaprSidecar.Delivery;

public enum AppOutcome
{
    Success,
    Retry,
    Drop,
    Unreachable,
}

/// <summary>The HTTP channel to the app: GET /dapr/subscribe and event delivery, with daprd's response rules.</summary>
public sealed class AppChannel : IDisposable
{
    private readonly HttpClient _http;
    private readonly SidecarOptions _options;
    private readonly ILogger<AppChannel> _logger;

    public AppChannel(SidecarOptions options, ILogger<AppChannel> logger)
    {
        _options = options;
        _logger = logger;
        // No overall timeout: a handler may legitimately take long; stopping the sidecar cancels the call.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{options.AppPort ?? 0}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The app's subscriptions; null when the app cannot be reached (yet).</summary>
    public async Task<IReadOnlyList<Subscription>?> GetSubscriptionsAsync(CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
            AddToken(request);
            using var response = await _http.SendAsync(request, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return [];
            }

            response.EnsureSuccessStatusCode();
            return Subscription.ParseAll(await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException ex)
        {
            _logger.LogDebug("GET /dapr/subscribe failed: {Message}", ex.Message);
            return null;
        }
    }

    public async Task<AppOutcome> DeliverAsync(
        string path, byte[] body, string contentType, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        AddToken(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning("Delivery to {Path} failed, app unreachable: {Message}", path, ex.Message);
            return AppOutcome.Unreachable;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 404)
            {
                _logger.LogError("Non-retriable error returned from app while processing pub/sub event at {Path}: 404", path);
                return AppOutcome.Drop;
            }

            if (status is < 200 or > 299)
            {
                _logger.LogWarning("App answered {Status} on {Path}; retrying", status, path);
                return AppOutcome.Retry;
            }

            return Interpret(await response.Content.ReadAsStringAsync(ct), path);
        }
    }

    // dapr/dapr postman/http: an empty or unparsable 2xx body is success; else the "status" field decides.
    private AppOutcome Interpret(string body, string path)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return AppOutcome.Success;
        }

        string? status;
        try
        {
            using var doc = JsonDocument.Parse(body);
            status = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("status", out var s)
                && s.ValueKind == JsonValueKind.String ? s.GetString() : string.Empty;
        }
        catch (JsonException)
        {
            return AppOutcome.Success;
        }

        switch (status?.ToUpperInvariant())
        {
            case "" or null or "SUCCESS":
                return AppOutcome.Success;
            case "RETRY":
                return AppOutcome.Retry;
            case "DROP":
                _logger.LogWarning("DROP status returned from app while processing pub/sub event at {Path}", path);
                return AppOutcome.Drop;
            default:
                _logger.LogWarning("Unknown status {Status} returned from app at {Path}; retrying", status, path);
                return AppOutcome.Retry;
        }
    }

    private void AddToken(HttpRequestMessage request)
    {
        if (_options.AppApiToken is { } token)
        {
            request.Headers.TryAddWithoutValidation(ApiTokenAuth.Header, token);
        }
    }

    public void Dispose() => _http.Dispose();
}

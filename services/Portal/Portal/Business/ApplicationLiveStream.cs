using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using G2B.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Portal.Business;

/// <summary>
/// The application pages' live status, pushed: the portal opens the suite's event stream
/// (<c>GET /api/events/stream</c>, notifications) with the signed-in person's token, kept on the server, and
/// tells the browser <c>event: changed</c> with the application's id whenever an event about one of the person's
/// applications arrives. A page showing that application then fetches its status fragment once (the application's
/// GET is the truth; an event only says when to look). One stream per person serves every application, so a browser
/// needs one, however many application pages it has open: the pages share it (wwwroot/js/portal.js). Heartbeats
/// pass through, so proxies keep the connection open. When the stream cannot be opened the answer is <c>204</c>,
/// which tells an EventSource to stop, and the pages fall back to asking at intervals.
/// </summary>
public static class ApplicationLiveStream
{
    public const string HttpClientName = "suite-stream";

    /// <summary>The browser's side, for signed-in businesses.</summary>
    public const string Path = "/applications/live";

    /// <summary>The browser's side: <see cref="Path"/>, for signed-in businesses.</summary>
    public static IEndpointConventionBuilder MapApplicationLiveStream(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, RelayAsync)
            .RequireAuthorization(AuthPolicies.Business);

    /// <summary>
    /// What the pages of one signed-in person share their stream under (the browser's lock and channel names): the
    /// pages of another person signed in later in the same browser never listen to this person's stream. A digest of
    /// the subject, not the subject itself.
    /// </summary>
    public static string Scope(ClaimsPrincipal user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("g2b-live:" + (user.FindFirst("sub")?.Value ?? ""))))[..16];

    /// <summary>The suite's side: the gateway, the person's token, no timeout (the stream lasts as long as the page).</summary>
    public static void AddApplicationLiveStream(this IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PortalOptions>>().Value.GatewayUrl);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<AccessTokenHandler>();

    private static async Task RelayAsync(HttpContext context, IHttpClientFactory clients, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage upstream;
        try
        {
            upstream = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            loggers.CreateLogger(typeof(ApplicationLiveStream)).LogWarning("Event stream unreachable ({Error}); the page asks at intervals instead", e.Message);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        using (upstream)
        {
            if (upstream.StatusCode != HttpStatusCode.OK)
            {
                loggers.CreateLogger(typeof(ApplicationLiveStream)).LogWarning(
                    "Event stream refused with {Status}; the page asks at intervals instead", (int)upstream.StatusCode);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            // Tell nginx-style proxies not to hold the events back.
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.WriteAsync("retry: 3000\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            try
            {
                await using var body = await upstream.Content.ReadAsStreamAsync(ct);
                await foreach (var signal in Signals(body, ct))
                {
                    await context.Response.WriteAsync(signal, ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The page was closed: nothing to tell anyone.
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                // The suite's side dropped (a restart): the browser reconnects after `retry`.
            }
        }
    }

    /// <summary>
    /// Reads server-sent events and yields what the browser is told: <c>event: changed</c> with the application's id
    /// as its data for each event that has a <c>subject.applicationId</c>, and the heartbeat comments as they come.
    /// </summary>
    public static async IAsyncEnumerable<string> Signals(
        Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 && ApplicationOf(data.ToString()) is { } about)
                {
                    yield return $"event: changed\ndata: {about}\n\n";
                }

                data.Clear();
            }
            else if (line[0] == ':')
            {
                yield return ": heartbeat\n\n";
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                // Several data lines make one value, joined by line feeds (the SSE rules).
                data.Append(data.Length > 0 ? "\n" : "").Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
        }
    }

    private static Guid? ApplicationOf(string json)
    {
        try
        {
            using var item = JsonDocument.Parse(json);
            return item.RootElement.ValueKind == JsonValueKind.Object
                && item.RootElement.TryGetProperty("subject", out var subject)
                && subject.ValueKind == JsonValueKind.Object
                && subject.TryGetProperty("applicationId", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.TryGetGuid(out var about)
                    ? about
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

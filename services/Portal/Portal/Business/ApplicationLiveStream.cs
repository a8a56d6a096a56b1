using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using G2B.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Portal.Business;

/// <summary>
/// An application page's live status, pushed: the portal opens the suite's event stream
/// (<c>GET /api/events/stream</c>, notifications) with the signed-in person's token, kept on the server, and
/// tells the browser <c>event: changed</c> whenever an event about this application arrives. The browser then
/// fetches the status fragment once (the application's GET is the truth; an event only says when to look).
/// Heartbeats pass through, so proxies keep the connection open. When the stream cannot be opened the answer is
/// <c>204</c>, which tells an EventSource to stop, and the page falls back to asking at intervals.
/// </summary>
public static class ApplicationLiveStream
{
    public const string HttpClientName = "suite-stream";

    /// <summary>The browser's side: <c>/applications/{id}/live</c>, for signed-in businesses.</summary>
    public static IEndpointConventionBuilder MapApplicationLiveStream(this IEndpointRouteBuilder app) =>
        app.MapGet("/applications/{applicationId:guid}/live", RelayAsync)
            .RequireAuthorization(AuthPolicies.Business);

    /// <summary>The suite's side: the gateway, the person's token, no timeout (the stream lasts as long as the page).</summary>
    public static void AddApplicationLiveStream(this IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PortalOptions>>().Value.GatewayUrl);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<AccessTokenHandler>();

    private static async Task RelayAsync(
        Guid applicationId, HttpContext context, IHttpClientFactory clients, ILoggerFactory loggers)
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
                await foreach (var signal in Signals(body, applicationId, ct))
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
    /// Reads server-sent events and yields what the browser is told: <c>event: changed</c> for each event whose
    /// <c>subject.applicationId</c> is this application, and the heartbeat comments as they come.
    /// </summary>
    public static async IAsyncEnumerable<string> Signals(
        Stream body, Guid applicationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 && IsAbout(data.ToString(), applicationId))
                {
                    yield return "event: changed\ndata: \n\n";
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

    private static bool IsAbout(string json, Guid applicationId)
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
                && about == applicationId;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

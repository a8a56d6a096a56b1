using System.Diagnostics;
using HdrHistogram;

namespace G2B.LoadTest;

/// <summary>
/// The gateway's added latency: the same anonymous request sent straight to the service and
/// through the gateway, interleaved one by one so both see the same machine load. A failed probe
/// is counted by cause and left out of the percentiles.
/// </summary>
internal static class GatewayOverhead
{
    public static async Task MeasureAsync(LoadOptions options, LoadTarget target, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = options.RequestTimeout };
        var direct = new LongHistogram(TimeStamp.Minutes(1), 3);
        var viaGateway = new LongHistogram(TimeStamp.Minutes(1), 3);
        var failures = new FailureTally();
        var directUri = new Uri(target.Direct, "/api/licence-types");
        var gatewayUri = new Uri(target.Gateway, "/api/licence-types");

        for (var i = 0; i < Math.Min(50, options.Probes); i++)
        {
            await SendAsync(http, directUri, failures, ct);
            await SendAsync(http, gatewayUri, failures, ct);
        }

        for (var i = 0; i < options.Probes; i++)
        {
            if (await SendAsync(http, directUri, failures, ct) is { } d)
            {
                direct.RecordValue(d);
            }

            if (await SendAsync(http, gatewayUri, failures, ct) is { } g)
            {
                viaGateway.RecordValue(g);
            }
        }

        Report.Percentiles(output, "direct to the service", direct);
        Report.Percentiles(output, "through the gateway", viaGateway);
        Report.Failures(output, "failed probes by cause", failures);
        if (direct.TotalCount > 0 && viaGateway.TotalCount > 0)
        {
            var added = TimeSpan.FromTicks(viaGateway.GetValueAtPercentile(50) - direct.GetValueAtPercentile(50));
            output.WriteLine($"{"gateway adds (p50)",-24}{added.TotalMilliseconds:F2} ms");
        }
    }

    private static async Task<long?> SendAsync(HttpClient http, Uri uri, FailureTally failures, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(uri, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add(new G2B.Journey.SuiteApiException(response.StatusCode, string.Empty, $"GET {uri.AbsolutePath}"));
                return null;
            }

            return Stopwatch.GetElapsedTime(started).Ticks;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            failures.Add(e);
            return null;
        }
    }
}

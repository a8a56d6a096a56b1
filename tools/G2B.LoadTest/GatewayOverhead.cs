using System.Diagnostics;
using HdrHistogram;

namespace G2B.LoadTest;

/// <summary>
/// The gateway's added latency: the same anonymous request sent straight to the service and
/// through the gateway, interleaved one by one so both see the same machine load.
/// </summary>
internal static class GatewayOverhead
{
    public static async Task MeasureAsync(LoadOptions options)
    {
        using var http = new HttpClient();
        var direct = new LongHistogram(TimeStamp.Minutes(1), 3);
        var viaGateway = new LongHistogram(TimeStamp.Minutes(1), 3);
        var directUri = new Uri(options.Direct, "/api/licence-types");
        var gatewayUri = new Uri(options.Gateway, "/api/licence-types");

        for (var i = 0; i < 50; i++)
        {
            await SendAsync(http, directUri);
            await SendAsync(http, gatewayUri);
        }

        for (var i = 0; i < options.Probes; i++)
        {
            direct.RecordValue(await SendAsync(http, directUri));
            viaGateway.RecordValue(await SendAsync(http, gatewayUri));
        }

        Report.Percentiles("direct to the service", direct);
        Report.Percentiles("through the gateway", viaGateway);
        var added = TimeSpan.FromTicks(viaGateway.GetValueAtPercentile(50) - direct.GetValueAtPercentile(50));
        Console.WriteLine($"{"gateway adds (p50)",-24}{added.TotalMilliseconds:F2} ms");
    }

    private static async Task<long> SendAsync(HttpClient http, Uri uri)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(uri);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(started).Ticks;
    }
}

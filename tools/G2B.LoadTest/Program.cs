using System.Diagnostics;
using G2B.Journey;
using G2B.LoadTest;
using HdrHistogram;

// Usage: dotnet run --project tools/G2B.LoadTest -c Release -- [--journeys 200] [--concurrency 16]
//   [--gateway http://127.0.0.1:8080] [--direct http://127.0.0.1:5102] [--probes 2000]
//   [--bank-code DEMOBANK] [--bank-secret local-demo-bank-secret]
// Bounded: it runs the given number of journeys and probes against loopback, then stops.
var options = LoadOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
{
    BaseAddress = options.Gateway,
    Timeout = TimeSpan.FromSeconds(60),
};
var suite = new SuiteApi(http);
var bank = new BankApi(options.Gateway, options.BankCode, options.BankSecret);

Console.WriteLine($"Warming up (3 journeys) against {options.Gateway} ...");
for (var i = 0; i < 3; i++)
{
    await new LicenceJourney(suite, bank).RunAsync();
}

Console.WriteLine($"Running {options.Journeys} journeys, {options.Concurrency} at a time ...");
var submitToIssued = new LongHistogram(TimeStamp.Minutes(5), 3);
var failures = 0;
var next = 0;
var wall = Stopwatch.StartNew();
var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
{
    while (Interlocked.Increment(ref next) <= options.Journeys)
    {
        try
        {
            var result = await new LicenceJourney(suite, bank).RunAsync();
            lock (submitToIssued)
            {
                submitToIssued.RecordValue(result.SubmitToIssued.Ticks);
            }
        }
        catch (Exception e) when (e is SuiteApiException or TimeoutException or HttpRequestException or InvalidOperationException)
        {
            Interlocked.Increment(ref failures);
            Console.Error.WriteLine($"journey failed: {e.Message}");
        }
    }
});
await Task.WhenAll(workers);
wall.Stop();

var completed = options.Journeys - failures;
Console.WriteLine();
Console.WriteLine($"journeys completed      {completed} of {options.Journeys} in {wall.Elapsed.TotalSeconds:F1} s ({failures} failed)");
Console.WriteLine($"throughput              {completed / wall.Elapsed.TotalSeconds:F2} journeys/s at concurrency {options.Concurrency}");
Report.Percentiles("submit-to-issued", submitToIssued);

Console.WriteLine();
Console.WriteLine($"Gateway overhead: {options.Probes} x GET /api/licence-types, direct ({options.Direct}) and through the gateway, interleaved ...");
await GatewayOverhead.MeasureAsync(options);
return failures == 0 ? 0 : 1;

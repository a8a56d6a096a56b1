using System.Diagnostics;
using System.Net.Http.Headers;
using Dapr.Client;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;
using G2B.LocalInfra;
using G2B.SidecarBench;

// Paced, sequential publishes (one in flight) so the numbers are latencies, not queueing; see docs/benchmarks.md.
return await BenchOptions.Command(BenchAsync).Parse(args).InvokeAsync();

static async Task<int> BenchAsync(BenchOptions options)
{
    var work = Path.Combine(Path.GetTempPath(), $"g2b-sidecar-bench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(work);
    await using var redis = options.Redis is null ? await LocalRedis.StartAsync(new LocalRedisOptions(Path.Combine(work, "redis"))) : null;
    var redisEndpoint = options.Redis ?? redis!.Endpoint;
    var resources = Path.Combine(work, "components");
    Directory.CreateDirectory(resources);
    ComponentFiles.WriteRedisPubSub(resources, redisEndpoint);

    var e2e = new LatencyRecorder("publish -> handler (gRPC publish, Redis Streams, HTTP delivery)");
    var e2eTopic = $"bench-e2e-{Guid.NewGuid():N}";
    await using var subscriber = new SubscriberStub(e2eTopic, e2e);
    await subscriber.StartAsync();
    SidecarOptions Sidecar(string appId, int? appPort) => new()
    {
        AppId = appId, AppPort = appPort, HttpPort = FreePort.Next(), GrpcPort = FreePort.Next(), ResourcesPath = resources, LogLevel = "warn",
    };
    await using var publisherSidecar = await SidecarHost.StartAsync(Sidecar("bench-publisher", null));
    await using var subscriberSidecar = await SidecarHost.StartAsync(Sidecar("bench-subscriber", subscriber.Port));
    using var dapr = new DaprClientBuilder().UseGrpcEndpoint(publisherSidecar.GrpcEndpoint).UseHttpEndpoint(publisherSidecar.HttpEndpoint).Build();
    using var http = new HttpClient { BaseAddress = new Uri(publisherSidecar.HttpEndpoint) };
    await dapr.WaitForSidecarAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    var payload = new string('x', options.PayloadBytes);
    var grpc = new LatencyRecorder("publish over gRPC (DaprClient.PublishEventAsync)");
    var httpPublish = new LatencyRecorder("publish over HTTP (POST /v1.0/publish)");
    var httpTopic = $"bench-http-{Guid.NewGuid():N}";
    var grpcTopic = $"bench-grpc-{Guid.NewGuid():N}";

    await PacedAsync(options, grpc, () => dapr.PublishEventAsync("pubsub", grpcTopic, new { payload }));
    await PacedAsync(options, httpPublish, async () =>
    {
        using var content = new StringContent($$"""{"payload":"{{payload}}"}""", MediaTypeHeaderValue.Parse("application/json"));
        using var response = await http.PostAsync($"/v1.0/publish/pubsub/{httpTopic}", content);
        response.EnsureSuccessStatusCode();
    });
    var bulk = new LatencyRecorder("bulk publish of 10 over gRPC (DaprClient.BulkPublishEventAsync)");
    var bulkTopic = $"bench-bulk-{Guid.NewGuid():N}";
    var bulkEvents = Enumerable.Range(0, 10).Select(_ => new { payload }).ToList();
    await PacedAsync(options, bulk, async () =>
    {
        var answer = await dapr.BulkPublishEventAsync("pubsub", bulkTopic, bulkEvents);
        if (answer.FailedEntries.Count > 0)
        {
            throw new InvalidOperationException($"bulk publish failed for {answer.FailedEntries.Count} entries");
        }
    });
    var unused = new LatencyRecorder("unused");
    await PacedAsync(options, unused, () => dapr.PublishEventAsync("pubsub", e2eTopic, new { sent = SubscriberStub.Now(), payload }));
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (e2e.Count < options.Requests + options.Warmup && DateTime.UtcNow < deadline)
    {
        await Task.Delay(50);
    }

    Console.WriteLine($"{options.Requests} measured requests after {options.Warmup} warm-up, paced at {options.Qps}/s, {options.PayloadBytes}-byte payload, one in flight");
    var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "n/a";
    Console.WriteLine($"{Environment.ProcessorCount} cores (1-min load average {load}), .NET {Environment.Version}, Redis at {redisEndpoint}");
    Console.WriteLine();
    Console.WriteLine("| measurement | count | p50 ms | p90 ms | p99 ms | max ms |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
    Console.WriteLine(grpc.MarkdownRow());
    Console.WriteLine(httpPublish.MarkdownRow());
    Console.WriteLine(bulk.MarkdownRow());
    Console.WriteLine(e2e.MarkdownRow() + " (includes warm-up)");
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // Redis may still hold its files for a moment; a temp folder left behind is harmless.
    }

    return 0;
}

static async Task PacedAsync(BenchOptions options, LatencyRecorder recorder, Func<Task> publish)
{
    var interval = TimeSpan.FromSeconds(1.0 / options.Qps);
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < options.Warmup + options.Requests; i++)
    {
        var ahead = interval * i - Stopwatch.GetElapsedTime(start);
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(ahead);
        }

        var t0 = Stopwatch.GetTimestamp();
        await publish();
        if (i >= options.Warmup)
        {
            recorder.RecordSince(t0);
        }
    }
}

using System.Text.Json;
using G2B.DaprSidecar.Components;
using G2B.DaprSidecar.Hosting;
using G2B.LocalInfra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// The whole path with nothing faked: outbox row -> DaprClient (gRPC) -> the local sidecar -> Redis
/// Streams -> the sidecar delivers a CloudEvent to the app -> inbox -> handler.
/// </summary>
public sealed class DaprSidecarRoundTripTests
{
    [Fact]
    public async Task An_outbox_event_travels_through_the_real_sidecar_and_redis_to_the_handler()
    {
        var redis = await TestRedis.GetAsync();
        var resources = Directory.CreateTempSubdirectory("g2b-eventing-components-");
        ComponentFiles.WriteRedisPubSub(resources.FullName, redis.Endpoint);
        int appPort = FreePort.Next(), httpPort = FreePort.Next(), grpcPort = FreePort.Next();

        await using var app = await EventingTestApp.StartAsync(
            await TestPostgres.CreateDatabaseAsync("roundtrip"),
            publisher: null,
            new Dictionary<string, string?>
            {
                ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{grpcPort}",
                ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{httpPort}",
            },
            kestrelPort: appPort);
        await using var sidecar = await SidecarHost.StartAsync(new SidecarOptions
        {
            AppId = "eventing-roundtrip",
            AppPort = appPort,
            HttpPort = httpPort,
            GrpcPort = grpcPort,
            ResourcesPath = resources.FullName,
            SubscriptionRefreshInterval = TimeSpan.FromMilliseconds(500),
        });

        // The sidecar reports ready once it has read the app's subscriptions and reached Redis.
        var healthChecks = app.Services.GetRequiredService<HealthCheckService>();
        await Eventually.HoldsAsync(
            async () => (await healthChecks.CheckHealthAsync(r => r.Name == EventingServiceCollectionExtensions.HealthCheckName))
                .Entries[EventingServiceCollectionExtensions.HealthCheckName].Status == HealthStatus.Healthy,
            "the dapr-sidecar health check reports the sidecar ready");

        // Raised while handling a traced request: the trace must reach the CloudEvent (and so the subscriber).
        var evt = new NoteWrittenIntegrationEvent("roundtrip");
        var request = new System.Diagnostics.Activity("incoming request");
        request.SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C);
        request.Start();
        await app.WithDbAsync(async db =>
        {
            db.AddIntegrationEvent(evt, "note-1");
            await db.SaveChangesAsync();
        });
        request.Stop();

        await Eventually.HoldsAsync(
            async () => await app.WithDbAsync(db => db.Notes.AnyAsync(n => n.Text == "handled:roundtrip")),
            "the handler ran after delivery through the sidecar", TimeSpan.FromSeconds(30));
        (await app.WithDbAsync(db => db.Set<InboxMessage>().SingleAsync())).EventId.Should().Be(evt.Id);
        (await app.OutboxAsync()).Single().PublishedAt.Should().NotBeNull();

        // What went over the wire: the event id and type on the CloudEvent, the event object as data.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
        var entries = await connection.GetDatabase().StreamRangeAsync(NoteWrittenIntegrationEvent.Topic);
        var envelopes = entries.Select(e => JsonDocument.Parse(e.Values.Single(v => v.Name == "data").Value.ToString()).RootElement).ToList();
        var envelope = envelopes.Single(e => e.GetProperty("id").GetString() == evt.Id.ToString());
        envelope.GetProperty("type").GetString().Should().Be(NoteWrittenIntegrationEvent.EventType);
        envelope.GetProperty("data").GetProperty("text").GetString().Should().Be("roundtrip");
        envelope.GetProperty("data").GetProperty("id").GetGuid().Should().Be(evt.Id);
        envelope.GetProperty("traceparent").GetString().Should().Contain(request.TraceId.ToHexString());
        (await app.OutboxAsync()).Single().TraceParent.Should().Be(request.Id);
    }
}

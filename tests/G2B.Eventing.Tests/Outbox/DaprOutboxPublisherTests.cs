using System.Collections.Concurrent;
using System.Text;
using Dapr.Client;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SidecarGrpc = G2B.DaprSidecar.Grpc;

namespace G2B.Eventing.Tests.Outbox;

/// <summary>
/// What the Dapr publisher sends the sidecar for a row, read where the sidecar reads it: the gRPC
/// PublishEvent request (a recording server speaking the sidecar's own proto, in memory).
/// </summary>
public sealed class DaprOutboxPublisherTests : IAsyncLifetime
{
    private readonly RecordingSidecar _sidecar = new();
    private WebApplication _host = null!;
    private DaprClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_sidecar);
        _host = builder.Build();
        _host.MapGrpcService<RecordingSidecar>();
        await _host.StartAsync();
        _client = new DaprClientBuilder()
            .UseGrpcEndpoint("http://sidecar")
            .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = _host.GetTestServer().CreateHandler() })
            .Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task PublishAsync(OutboxMessage row) =>
        new DaprOutboxPublisher(_client, Options.Create(new EventingOptions { PubSubName = "events" }))
            .PublishAsync(row, CancellationToken.None);

    private static OutboxMessage Row(string? orderingKey, string? traceParent) => new()
    {
        Id = Guid.NewGuid(),
        Topic = "note-written",
        EventType = "g2b.tests.note-written.v1",
        Payload = """{"text":"é","id":"x"}""",
        OrderingKey = orderingKey,
        TraceParent = traceParent,
    };

    [Fact]
    public async Task The_row_goes_as_json_bytes_with_its_id_type_trace_and_partition_key()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var row = Row("company-7", traceParent);

        await PublishAsync(row);

        var request = _sidecar.Requests.Should().ContainSingle().Which;
        request.PubsubName.Should().Be("events");
        request.Topic.Should().Be("note-written");
        request.DataContentType.Should().Be("application/json");
        request.Data.ToByteArray().Should().Equal(Encoding.UTF8.GetBytes(row.Payload));
        request.Metadata.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["cloudevent.id"] = row.Id.ToString(),
            ["cloudevent.type"] = "g2b.tests.note-written.v1",
            ["cloudevent.traceparent"] = traceParent,
            ["partitionKey"] = "company-7",
        });
    }

    [Fact]
    public async Task A_row_without_trace_or_ordering_key_sends_neither()
    {
        var row = Row(orderingKey: null, traceParent: null);

        await PublishAsync(row);

        _sidecar.Requests.Should().ContainSingle().Which.Metadata.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["cloudevent.id"] = row.Id.ToString(),
            ["cloudevent.type"] = "g2b.tests.note-written.v1",
        });
    }

    [Fact]
    public async Task A_row_stamped_for_publish_timings_sends_when_it_committed_and_was_claimed()
    {
        var row = Row(orderingKey: null, traceParent: null);
        row.CommittedAt = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero).AddTicks(12_345);
        row.ClaimedAt = row.CommittedAt.Value.AddMilliseconds(1.5);

        await PublishAsync(row);

        _sidecar.Requests.Should().ContainSingle().Which.Metadata.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["cloudevent.id"] = row.Id.ToString(),
            ["cloudevent.type"] = "g2b.tests.note-written.v1",
            ["g2b-committed-at"] = "2026-12-01T02:00:00.0012345+00:00",
            ["g2b-claimed-at"] = "2026-12-01T02:00:00.0027345+00:00",
        });
    }

    public sealed class RecordingSidecar : SidecarGrpc.Dapr.DaprBase
    {
        public ConcurrentQueue<SidecarGrpc.PublishEventRequest> Requests { get; } = new();

        public override Task<Empty> PublishEvent(SidecarGrpc.PublishEventRequest request, ServerCallContext context)
        {
            Requests.Enqueue(request);
            return Task.FromResult(new Empty());
        }
    }
}

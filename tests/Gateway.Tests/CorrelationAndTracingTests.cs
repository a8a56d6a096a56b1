using System.Diagnostics;

namespace Gateway.Tests;

public sealed class CorrelationAndTracingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Header = "X-Correlation-Id";

    [Fact]
    public async Task A_correlation_id_is_created_when_absent_echoed_and_forwarded()
    {
        var client = fixture.Host.CreateClient();
        var marker = "/api/companies/" + Guid.NewGuid().ToString("N");

        using var response = await client.GetAsync(marker);

        var echoed = response.Headers.GetValues(Header).Should().ContainSingle().Subject;
        echoed.Should().NotBeNullOrWhiteSpace();
        ForwardedHeader(marker, Header).Should().Be(echoed);
    }

    [Fact]
    public async Task A_callers_correlation_id_is_kept_echoed_and_forwarded()
    {
        var client = fixture.Host.CreateClient();
        var marker = "/api/invoices/" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, marker);
        request.Headers.Add(Header, "caller-chosen-42");

        using var response = await client.SendAsync(request);

        response.Headers.GetValues(Header).Should().Equal("caller-chosen-42");
        ForwardedHeader(marker, Header).Should().Be("caller-chosen-42");
    }

    [Fact]
    public async Task Error_responses_carry_the_correlation_id_too()
    {
        var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/not-a-route");
        request.Headers.Add(Header, "err-7");

        using var response = await client.SendAsync(request);

        response.Headers.GetValues(Header).Should().Equal("err-7");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"correlationId\":\"err-7\"");
    }

    [Fact]
    public async Task The_callers_trace_continues_downstream()
    {
        var client = fixture.Host.CreateClient();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var parentSpan = ActivitySpanId.CreateRandom().ToHexString();
        var marker = "/verify/licences/" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, marker);
        request.Headers.Add("traceparent", $"00-{traceId}-{parentSpan}-01");

        using var response = await client.SendAsync(request);

        response.IsSuccessStatusCode.Should().BeTrue();
        var forwarded = ForwardedHeader(marker, "traceparent");
        forwarded.Should().NotBeNull();
        var parts = forwarded!.Split('-');
        parts[1].Should().Be(traceId, "the downstream call belongs to the caller's trace");
        parts[2].Should().NotBe(parentSpan, "the gateway adds its own span in between");
    }

    private string? ForwardedHeader(string path, string header)
    {
        var entry = fixture.Host.Downstreams.Values.SelectMany(s => s.LogEntries)
            .Single(e => e.RequestMessage.Path == path);
        var headers = entry.RequestMessage.Headers!;
        return headers.TryGetValue(header, out var values) ? values.Single() : null;
    }
}

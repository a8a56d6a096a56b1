using System.Diagnostics;
using System.Net;

namespace EndToEnd.Tests;

public sealed class TracingTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    [Fact]
    public async Task An_event_is_handled_in_another_service_under_the_trace_of_the_request_that_raised_it()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var traceparent = $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var token = await Scenario.BusinessAsync();

        using var response = await Suite.Api.SendRawAsync(
            HttpMethod.Post, "/api/companies", token, LicenceJourney.NewCompany(), header: ("traceparent", traceparent));
        response.StatusCode.Should().Be(HttpStatusCode.Created);

        // company-registered leaves the registry through its outbox and sidecar and is handled by
        // licence applications: both services' log lines carry the caller's trace id.
        await Eventually.UntilAsync(
            _ => Task.FromResult(LogLines("company-registry").Any(l => l.Contains(traceId) && l.Contains("/api/companies"))),
            found => found, "the registry's log line of the request");
        await Eventually.UntilAsync(
            _ => Task.FromResult(LogLines("licence-applications").Any(l => l.Contains(traceId) && l.Contains("/events/company-registered"))),
            found => found, "licence applications' log line of the delivery, under the same trace id");
    }
}

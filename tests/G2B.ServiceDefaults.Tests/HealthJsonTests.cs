using System.Net;
using System.Text.Json;
using G2B.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2B.ServiceDefaults.Tests;

/// <summary>
/// The health JSON is written by a source-generated serialiser (the gateway is a Native AOT binary); every host
/// shares it, so it must answer byte for byte as the reflection-based anonymous types did before.
/// </summary>
public sealed class HealthJsonTests
{
    private static readonly HealthReport Report = new(
        new Dictionary<string, HealthReportEntry>
        {
            ["database"] = new(HealthStatus.Healthy, null, TimeSpan.FromTicks(12_345_678), null, null),
            ["schema"] = new(HealthStatus.Unhealthy, "2 migration(s) not applied yet; <the> \"Job\" applies them — é",
                TimeSpan.FromMilliseconds(0.04), null,
                new Dictionary<string, object> { ["pending"] = new List<string> { "20261130_First", "20261130_Second" } }),
            ["company-registry"] = new(HealthStatus.Degraded, "A destination is not healthy.", TimeSpan.FromMilliseconds(3.25), null,
                new Dictionary<string, object> { ["primary"] = 503, ["secondary"] = "unreachable", ["Up"] = true, ["bytes"] = 5_000_000_000L }),
        },
        HealthStatus.Unhealthy,
        TimeSpan.FromMilliseconds(15.96));

    [Fact]
    public void The_report_is_written_byte_for_byte_as_before()
    {
        var json = HealthEndpoint.ToJson(Report);

        json.Should().Be(
            """{"status":"Unhealthy","totalDurationMs":16,"checks":{"database":{"status":"Healthy","description":null,"durationMs":1234.6,"data":null},"schema":{"status":"Unhealthy","description":"2 migration(s) not applied yet; \u003Cthe\u003E \u0022Job\u0022 applies them \u2014 \u00E9","durationMs":0,"data":{"pending":["20261130_First","20261130_Second"]}},"company-registry":{"status":"Degraded","description":"A destination is not healthy.","durationMs":3.2,"data":{"primary":503,"secondary":"unreachable","Up":true,"bytes":5000000000}}}}""");
        json.Should().Be(AsTheAnonymousTypesWroteIt(Report), "the JSON the services answered before the source generator");
    }

    [Fact]
    public void A_data_value_of_a_type_the_serialiser_does_not_know_is_written_as_its_text_not_a_failure()
    {
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["clock"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null,
                    new Dictionary<string, object> { ["at"] = new Uri("http://peer:5101/healthz"), ["none"] = null! }),
            },
            TimeSpan.Zero);

        HealthEndpoint.ToJson(report).Should().Be(
            """{"status":"Healthy","totalDurationMs":0,"checks":{"clock":{"status":"Healthy","description":null,"durationMs":0,"data":{"at":"http://peer:5101/healthz","none":null}}}}""");
    }

    [Fact]
    public async Task Healthz_answers_the_checks_with_their_data_as_json()
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(issuer.Settings), builder => builder.Services.AddHealthChecks()
            .AddCheck("pending", () => HealthCheckResult.Degraded("behind",
                data: new Dictionary<string, object> { ["pending"] = new List<string> { "m1" }, ["count"] = 1 })));

        using var response = await app.Client().GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Degraded");
        var check = body.RootElement.GetProperty("checks").GetProperty("pending");
        check.GetProperty("description").GetString().Should().Be("behind");
        check.GetProperty("data").GetRawText().Should().Be("""{"pending":["m1"],"count":1}""");
    }

    /// <summary>The writer as it was (anonymous types, reflection), kept here as the reference.</summary>
    private static string AsTheAnonymousTypesWroteIt(HealthReport report) => JsonSerializer.Serialize(
        new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
        },
        new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false });
}
